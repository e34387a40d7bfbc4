import SmartSpec

/// A synthetic map of the demo's regions (`Datasets/demo/geometry.geojson`), so that the union
/// map is tested: each country is a block of squares, 5 regions a row, side by side from west to
/// east at latitudes 40–52°. Invented, like everything in the demo.
public enum DemoGeometry {
    /// The GeoJSON text (a FeatureCollection with `code` and `name` properties), deterministic.
    public static func geoJSON(_ dataset: Dataset) -> String {
        let countries = Array(Set(dataset.regions.map(\.country))).sorted()
        var features: [String] = []
        for (c, country) in countries.enumerated() {
            let members = dataset.regions.filter { $0.country == country }
            for (i, region) in members.enumerated() {
                let west = Double(c) * 8 + Double(i % 5) * 1.5, south = 40 + Double(i / 5) * 1.5
                let ring = [(west, south), (west + 1.5, south), (west + 1.5, south + 1.5), (west, south + 1.5), (west, south)]
                let coordinates = ring.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
                let name = region.name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                features.append("    {\"type\": \"Feature\", \"properties\": {\"code\": \"\(region.code)\", \"name\": \"\(name)\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[\(coordinates)]]}}")
            }
        }
        return "{\"type\": \"FeatureCollection\", \"features\": [\n" + features.joined(separator: ",\n") + "\n]}\n"
    }
}
