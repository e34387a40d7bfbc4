import Foundation

/// Region outlines from a GeoJSON FeatureCollection, for the union map (`Methodology/union.md`).
///
/// Each feature carries its region's code in a property (`code` unless told otherwise) and a
/// `Polygon` or `MultiPolygon` geometry in longitude/latitude degrees. The map projection is
/// equirectangular, scaled by the cosine of the mean latitude: x = λ · cos φ₀, y = −φ.
public struct RegionGeometry: Sendable {
    /// Rings (closed lists of (longitude, latitude)) of every region that has a feature.
    public let rings: [String: [[(Double, Double)]]]

    /// Why a geometry file cannot be used; each case prints a sentence.
    public enum GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
        case unreadable(file: String, reason: String)
        case notFeatureCollection(file: String)
        case missingKey(file: String, feature: Int, key: String)
        case unknownRegion(file: String, feature: Int, code: String)
        case badGeometry(file: String, feature: Int, reason: String)

        public var description: String {
            switch self {
            case let .unreadable(file, reason): return "\(file) is not readable GeoJSON: \(reason)."
            case let .notFeatureCollection(file): return "\(file) is not a GeoJSON FeatureCollection (it needs \"type\": \"FeatureCollection\" and a list of \"features\")."
            case let .missingKey(file, feature, key): return "\(file): feature \(feature) has no property '\(key)' with the region code (see --geometry-key)."
            case let .unknownRegion(file, feature, code): return "\(file): feature \(feature) is region '\(code)', which is not in the dataset."
            case let .badGeometry(file, feature, reason): return "\(file): feature \(feature) \(reason)."
            }
        }
    }

    /// Reads the file; every feature must name a region of `regionCodes` in property `key`.
    public init(_ url: URL, key: String, regionCodes: Set<String>) throws {
        let file = url.lastPathComponent
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) } catch {
            throw GeometryError.unreadable(file: file, reason: (error as NSError).localizedDescription)
        }
        guard let root = object as? [String: Any], root["type"] as? String == "FeatureCollection", let features = root["features"] as? [Any] else {
            throw GeometryError.notFeatureCollection(file: file)
        }
        var rings: [String: [[(Double, Double)]]] = [:]
        for (i, item) in features.enumerated() {
            let number = i + 1
            guard let feature = item as? [String: Any] else { throw GeometryError.badGeometry(file: file, feature: number, reason: "is not an object") }
            let properties = feature["properties"] as? [String: Any]
            guard let value = properties?[key] else { throw GeometryError.missingKey(file: file, feature: number, key: key) }
            let code = (value as? String) ?? "\(value)"
            guard regionCodes.contains(code) else { throw GeometryError.unknownRegion(file: file, feature: number, code: code) }
            guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else {
                throw GeometryError.badGeometry(file: file, feature: number, reason: "has no geometry")
            }
            let polygons: [Any]
            switch type {
            case "Polygon": polygons = [geometry["coordinates"] as Any]
            case "MultiPolygon": polygons = geometry["coordinates"] as? [Any] ?? []
            default: throw GeometryError.badGeometry(file: file, feature: number, reason: "is a \(type); only Polygon and MultiPolygon are drawn")
            }
            for polygon in polygons {
                guard let list = polygon as? [Any], !list.isEmpty else { throw GeometryError.badGeometry(file: file, feature: number, reason: "has an empty polygon") }
                for ring in list {
                    let points = (ring as? [Any])?.compactMap { point -> (Double, Double)? in
                        guard let p = point as? [Any], p.count >= 2, let x = (p[0] as? NSNumber)?.doubleValue, let y = (p[1] as? NSNumber)?.doubleValue,
                              x.isFinite, y.isFinite, abs(x) <= 180, abs(y) <= 90 else { return nil }
                        return (x, y)
                    } ?? []
                    guard points.count >= 3, points.count == (ring as? [Any])?.count else {
                        throw GeometryError.badGeometry(file: file, feature: number, reason: "has a ring that is not a list of at least 3 [longitude, latitude] positions within ±180°, ±90°")
                    }
                    rings[code, default: []].append(points)
                }
            }
        }
        self.rings = rings
    }

    /// SVG path data of every region, projected into a `width` × `height` box with a margin.
    public func paths(width: Double, height: Double, margin: Double = 10) -> [String: String] {
        let all = rings.values.flatMap { $0.flatMap { $0 } }
        guard !all.isEmpty else { return [:] }
        let phi0 = all.map(\.1).reduce(0, +) / Double(all.count) * .pi / 180
        let project = { (p: (Double, Double)) in (p.0 * cos(phi0), -p.1) }
        let xs = all.map { project($0).0 }, ys = all.map { project($0).1 }
        let (minX, maxX, minY, maxY) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        let scale = min((width - 2 * margin) / max(maxX - minX, 1e-9), (height - 2 * margin) / max(maxY - minY, 1e-9))
        return rings.mapValues { list in
            list.map { ring in
                ring.enumerated().map { i, p in
                    let q = project(p)
                    return String(format: "%@%.1f %.1f", i == 0 ? "M" : "L", margin + (q.0 - minX) * scale, margin + (q.1 - minY) * scale)
                }.joined(separator: " ") + " Z"
            }.joined(separator: " ")
        }
    }
}
