import CFreeXL
import Foundation

/// The .xls side of the workbook reader: FreeXL, in this process of its own.
enum XLS {
    static func open(_ url: URL) throws -> UnsafeRawPointer {
        var handle: UnsafeRawPointer?
        let status = freexl_open(url.path, &handle)
        guard status == FREEXL_OK, let handle else {
            if let handle { freexl_close(handle) }
            throw failure(status, file: url.lastPathComponent)
        }
        var password: UInt32 = 0
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &password) == FREEXL_OK, password == UInt32(FREEXL_BIFF_OBFUSCATED) {
            freexl_close(handle)
            throw WorkbookError.encrypted(file: url.lastPathComponent)
        }
        return handle
    }

    static func failure(_ status: Int32, file: String) -> WorkbookError {
        switch status {
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_BIFF_WORKBOOK_NOT_FOUND: return .notAWorkbook(file: file)
        case FREEXL_INSUFFICIENT_MEMORY: return .tooLarge(file: file, limit: Limits.mostCells)
        default: return .damaged(file: file, detail: "FreeXL error \(status)")
        }
    }

    static func sheetNames(_ url: URL) throws -> [String] {
        let handle = try open(url)
        defer { freexl_close(handle) }
        var count: UInt32 = 0
        guard freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &count) == FREEXL_OK else {
            throw WorkbookError.damaged(file: url.lastPathComponent, detail: "the sheet count cannot be read")
        }
        return (0..<UInt16(clamping: count)).map { index in
            var name: UnsafePointer<CChar>?
            guard freexl_get_worksheet_name(handle, index, &name) == FREEXL_OK, let name else { return "\(index + 1)" }
            return String(cString: name)
        }
    }

    /// Prints the cells of sheet `index` as they are read.
    static func printSheet(_ url: URL, index: Int) throws {
        let handle = try open(url)
        defer { freexl_close(handle) }
        let file = url.lastPathComponent
        guard index >= 0, index < 65_536, freexl_select_active_worksheet(handle, UInt16(index)) == FREEXL_OK else {
            throw WorkbookError.damaged(file: file, detail: "sheet \(index + 1) cannot be selected")
        }
        var rowCount: UInt32 = 0, columnCount: UInt16 = 0
        guard freexl_worksheet_dimensions(handle, &rowCount, &columnCount) == FREEXL_OK else {
            throw WorkbookError.damaged(file: file, detail: "the size of the sheet cannot be read")
        }
        guard Int(rowCount) * Int(columnCount) <= Limits.mostCells else { throw WorkbookError.tooLarge(file: file, limit: Limits.mostCells) }
        var out = ""
        for r in 0..<rowCount {
            for c in 0..<columnCount {
                var value = FreeXL_CellValue()
                let status = freexl_get_cell_value(handle, r, c, &value)
                guard status == FREEXL_OK else { throw failure(status, file: file) }
                switch Int32(value.type) {
                case FREEXL_CELL_INT: out += "\(r)\t\(c)\tN\t\(value.value.int_value)\n"
                case FREEXL_CELL_DOUBLE: out += "\(r)\t\(c)\tN\t\(value.value.double_value)\n"
                case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_DATE, FREEXL_CELL_DATETIME, FREEXL_CELL_TIME:
                    if let text = value.value.text_value { out += "\(r)\t\(c)\tT\t\(Cells.escaped(String(cString: text)))\n" }
                default: break
                }
            }
            if out.utf8.count > 1 << 20 { print(out, terminator: ""); out = "" }
        }
        print(out, terminator: "")
    }
}
