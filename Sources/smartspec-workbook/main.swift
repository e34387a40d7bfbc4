import Foundation

// smartspec-workbook: reads Excel workbooks for SmartSpec, in a process of its own.
//
// SmartSpec never parses a workbook inside its own process: the fuzzer found a crafted .xls that
// makes FreeXL read outside its buffers (Tests/Fuzz/regressions/freexl-stack-underflow.xls) and a
// damaged .xlsx on which ZIPFoundation's inflate loop never ends
// (Tests/Fuzz/regressions/zipfoundation-inflate-hang.xlsx). SmartSpec starts this program, bounds
// it in time, and reads what it prints; memory is capped here.
//
//   smartspec-workbook names xlsx|xls FILE          one sheet name a line
//   smartspec-workbook sheet xlsx|xls FILE INDEX    one line a non-empty cell: ROW TAB COLUMN TAB (N|T) TAB VALUE
//
// Text is printed with \\, \t, \n and \r escaped. When the workbook cannot be read the only line
// is `E KIND TAB DETAIL` and the exit status is 3.

var limit = rlimit(rlim_cur: 4 << 30, rlim_max: 4 << 30)
setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
let arguments = CommandLine.arguments
guard arguments.count >= 4, ["names", "sheet"].contains(arguments[1]), ["xlsx", "xls"].contains(arguments[2]),
      arguments[1] == "names" || arguments.count >= 5 else {
    FileHandle.standardError.write(Data("usage: smartspec-workbook names xlsx|xls FILE | sheet xlsx|xls FILE INDEX\n".utf8))
    exit(2)
}
let url = URL(fileURLWithPath: arguments[3])
do {
    if arguments[1] == "names" {
        let names = arguments[2] == "xlsx" ? try XLSX(url).sheets.map(\.name) : try XLS.sheetNames(url)
        print(names.map(Cells.escaped).joined(separator: "\n"))
    } else {
        guard let index = Int(arguments[4]) else { exit(2) }
        if arguments[2] == "xlsx" {
            let sheet = try XLSX(url).sheet(index)
            var out = ""
            for (r, row) in sheet.rows.enumerated() {
                for (c, cell) in row.enumerated() {
                    switch cell {
                    case .empty: continue
                    case .number(let x): out += "\(r)\t\(c)\tN\t\(x)\n"
                    case .text(let s): out += "\(r)\t\(c)\tT\t\(Cells.escaped(s))\n"
                    }
                }
            }
            print(out, terminator: "")
        } else {
            try XLS.printSheet(url, index: index)
        }
    }
} catch let error as WorkbookError {
    print(error.line)
    exit(3)
} catch {
    print(WorkbookError.damaged(file: url.lastPathComponent, detail: "\(error)").line)
    exit(3)
}
