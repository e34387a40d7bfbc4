/// The limits that keep memory proportional to what a dataset's files contain (stated in
/// `Datasets/README.md`, "Limits"): SmartSpec holds tables densely, so a small file that names
/// many regions, activities, years or indicators without values for them is refused with a
/// sentence instead of asking for gigabytes.
public enum DatasetLimits {
    /// Dense cells allowed without looking at the file's size.
    public static let freeCells = 1_000_000
    /// Dense cells allowed per value row (or field) the files give, beyond ``freeCells``.
    public static let cellsPerRow = 64
    /// Most activities of a niche analysis: its relatedness matrix holds activities² numbers
    /// (20,000 activities take 3.2 GB).
    public static let mostActivities = 20_000
    /// Most variants of a cross-impact matrix in all (the matrix holds variants² judgements).
    public static let mostVariants = 4_096
    /// Decompressed bytes allowed per compressed byte of a gzip file, beyond ``freeDecompressedBytes``.
    public static let decompressionRatio = 100
    /// Decompressed bytes allowed whatever the compressed size.
    public static let freeDecompressedBytes = 64 << 20

    /// Whether `cells` dense cells may be held for a table whose files give `rows` rows (or fields).
    public static func activityCellsAllowed(_ cells: Int, rows: Int) -> Bool {
        cells <= freeCells || cells / cellsPerRow <= rows
    }
}
