import ArgumentParser
import LinearAlgebra
import SmartSpec

/// `smartspec doctor`: which BLAS and LAPACK libraries are loaded.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show which BLAS/LAPACK library is loaded and its thread count; warn when the slow reference BLAS is in use.")

    @OptionGroup var output: OutputOptions

    private struct Report: Encodable {
        var version: String, blas: String, blasLibrary: String?, lapackLibrary: String?
        var openBLASConfiguration: String?, coreType: String?, suggestedCoreType: String?, threads: Int?, warning: String?
    }

    func run() throws {
        let backend = BLASBackend.current
        var warning: String? = nil
        if backend.kind == .reference {
            warning = "The reference BLAS is in use; large products run about 30× slower. Install OpenBLAS: apt-get install libopenblas0-pthread"
        } else if let suggestion = backend.suggestedCoreType() {
            warning = "OpenBLAS does not recognise this processor and uses its generic Prescott kernels; "
                + "export OPENBLAS_CORETYPE=\(suggestion) to use its \(suggestion) kernels (about 3× faster for large products here)"
        }
        let report = Report(version: SmartSpecVersion.current, blas: backend.kind.rawValue, blasLibrary: backend.blasLibrary,
                            lapackLibrary: backend.lapackLibrary, openBLASConfiguration: backend.openBLASConfiguration, coreType: backend.coreType,
                            suggestedCoreType: backend.suggestedCoreType(),
                            threads: backend.threads, warning: warning)
        switch output.format {
        case .json: try Console.data(try Console.json(report))
        case .csv:
            try Console.data(CSVText.render([["key", "value"], ["blas", report.blas], ["blas_library", report.blasLibrary ?? ""],
                                              ["lapack_library", report.lapackLibrary ?? ""], ["threads", report.threads.map(String.init) ?? ""]], guardFormulas: true))
        case .table:
            try Console.table("""
                smartspec \(report.version)
                BLAS:      \(report.blas) (\(report.blasLibrary ?? "not found"))
                LAPACK:    \(report.lapackLibrary ?? "not found")
                Threads:   \(report.threads.map(String.init) ?? "unknown (not OpenBLAS)")
                \(report.openBLASConfiguration.map { "OpenBLAS:  \($0)" } ?? "")
                """)
        }
        if let warning { Console.warn(warning) }
    }
}
