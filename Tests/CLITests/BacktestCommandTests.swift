import Foundation
import Testing

@Suite("backtest command")
struct BacktestCommandTests {
    static let panel = "Datasets/eu-nuts2-sbs-2008-2015"

    @Test("The contract: JSON with the seven signals and their measures, exits, and the predictions file")
    func contract() throws {
        let predictions = scratchFolder("backtest").appendingPathComponent("P.csv")
        let result = try CLI.run(["backtest", "--dataset", Self.panel, "--base-year", "2008", "--target-year", "2015", "--bootstrap", "100",
                                  "--seed", "1", "--predictions", predictions.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["baseYear"] as? Int == 2008 && json["targetYear"] as? Int == 2015)
        #expect((json["cells"] as? Int ?? 0) > 1000 && (json["entries"] as? Int ?? 0) > 100)
        let signals = try #require(json["signals"] as? [[String: Any]])
        #expect(signals.map { $0["signal"] as? String } == ["density", "cog", "pci", "score", "rca", "ubiquity", "random"])
        for s in signals {
            for key in ["auc", "averagePrecision", "precisionAt5", "precisionAt10"] { #expect(s[key] is Double, "\(key)") }
            let interval = try #require(s["aucInterval"] as? [Double])
            #expect(interval.count == 2 && interval[0] <= (s["auc"] as! Double) + 1e-12 && (s["auc"] as! Double) <= interval[1] + 0.05)
        }
        #expect((json["exits"] as? [String: Any])?["signals"] is [[String: Any]])
        let header = try String(contentsOf: predictions, encoding: .utf8).split(separator: "\n").first
        #expect(header == "region,activity,rca_base,rca_target,entered,density,cog,pci,score")
        // Same seed, same bytes.
        let again = try CLI.run(["backtest", "--dataset", Self.panel, "--base-year", "2008", "--target-year", "2015", "--bootstrap", "100", "--seed", "1", "--format", "json"])
        #expect(again.stdout == result.stdout)
    }

    @Test("generate scale --years writes a panel whose entries density predicts (generator of hidden capabilities)")
    func syntheticPanel() throws {
        let folder = scratchFolder("backtest-synthetic").appendingPathComponent("panel")
        let generated = try CLI.run(["generate", "scale", "--regions", "200", "--indicators", "4", "--dimensions", "2",
                                     "--activity-count", "60", "--years", "3", "--out", folder.path, "--force"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let yaml = try String(contentsOf: folder.appendingPathComponent("dataset.yaml"), encoding: .utf8)
        #expect(yaml.contains("years: [2001, 2002, 2003]"))
        let result = try CLI.run(["backtest", "--dataset", folder.path, "--base-year", "2001", "--target-year", "2003",
                                  "--bootstrap", "50", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let signals = try #require(json["signals"] as? [[String: Any]])
        let density = try #require(signals.first { $0["signal"] as? String == "density" })
        // Regions gain capabilities between years, so entries favour activities close to what they hold.
        #expect((density["aucInterval"] as? [Double])?.first ?? 0 > 0.5, "\(density)")
        #expect(try CLI.run(["generate", "scale", "--regions", "10", "--years", "0", "--out", folder.path]).status != 0)
    }

    @Test("The entry model equals scikit-learn's and statsmodels' logistic regression on the predictions file (1e-6)",
          .enabled(if: pythonHas(["numpy", "pandas", "sklearn"]), "python3 with scikit-learn is not available, so the cross-check is skipped"),
          arguments: [("Datasets/eu-nuts2-sbs-2008-2015", "2008", "2015"), ("Datasets/nz-urban-areas-1981-2013", "1981", "2013")])
    func entryModel(dataset: String, base: String, target: String) throws {
        let (status, output) = try runPython("Methodology/validation/entry_model.py", [dataset, CLI.binary.path, base, target])
        #expect(status == 0, "\(output)")
    }

    @Test("--out writes a self-contained report: ROC curves and precision at k for every signal, in English and Russian, and the JSON",
          arguments: ["en", "ru"])
    func report(lang: String) throws {
        let out = scratchFolder("backtest-report-\(lang)")
        let result = try CLI.run(["backtest", "--dataset", Self.panel, "--base-year", "2008", "--target-year", "2015", "--bootstrap", "50",
                                  "--out", out.path, "--lang", lang, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("backtest.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.components(separatedBy: "<polyline").count - 1 == 7, "one ROC curve per signal")
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(html.contains(lang == "ru" ? "ROC-кривые входов" : "ROC curves of the entries"))
        // The ROC curves start at (0, 0) and end at (1, 1): the first and last points of each polyline.
        let json = try Data(contentsOf: out.appendingPathComponent("backtest.json"))
        #expect(String(decoding: json, as: UTF8.self) == result.stdout)
    }

    @Test("The ROC points run from (0, 0) to (1, 1) and their area is the AUC")
    func rocArea() throws {
        let out = scratchFolder("backtest-roc")
        let result = try CLI.run(["backtest", "--dataset", "Datasets/nz-urban-areas-1981-2013", "--base-year", "1981", "--target-year", "1991",
                                  "--bootstrap", "0", "--out", out.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("backtest.html"), encoding: .utf8)
        // The density curve (the first): trapezoids over its points, in the chart's coordinates (x = 50 + fpr·360, y = 50 + (1 − tpr)·360).
        let points = try #require(html.components(separatedBy: "<polyline").dropFirst().first?.components(separatedBy: "points=\"").dropFirst().first?
            .components(separatedBy: "\"").first?.split(separator: " ").map { $0.split(separator: ",").map { Double($0)! } })
        let roc = points.map { (($0[0] - 50) / 360, 1 - ($0[1] - 50) / 360) }
        #expect(abs(roc.first!.0) < 1e-9 && abs(roc.first!.1) < 1e-9 && abs(roc.last!.0 - 1) < 1e-9 && abs(roc.last!.1 - 1) < 1e-9)
        let area = zip(roc, roc.dropFirst()).reduce(0.0) { $0 + ($1.1.0 - $1.0.0) * ($1.1.1 + $1.0.1) / 2 }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let auc = try #require((json["signals"] as? [[String: Any]])?.first?["auc"] as? Double)
        #expect(abs(area - auc) < 0.01, "area \(area), AUC \(auc)")
    }

    @Test("Bad requests: one sentence and exit status 1", arguments: [
        (["--dataset", "Datasets/ru-regions-2022", "--base-year", "2008", "--target-year", "2015"], "no activity values for 2008"),
        (["--dataset", "Datasets/eu-nuts2-2014", "--base-year", "2008", "--target-year", "2015"], "needs activity values for two years"),
        (["--dataset", "Datasets/kz-regions-2022", "--base-year", "2008", "--target-year", "2015"], "no activities.csv"),
        (["--dataset", "Datasets/eu-nuts2-sbs-2008-2015", "--base-year", "2015", "--target-year", "2008"], "must come before"),
    ])
    func errors(arguments: [String], message: String) throws {
        let result = try CLI.run(["backtest"] + arguments)
        #expect(result.status == 1 && result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("AUC and average precision equal scikit-learn's on the predictions file, density py-ecomplexity's (1e-9)",
          .enabled(if: pythonHas(["numpy", "pandas", "sklearn", "ecomplexity"]), "python3 with scikit-learn and ecomplexity is not available, so the cross-check is skipped"))
    func crossCheck() throws {
        let (status, output) = try runPython("Methodology/validation/backtest.py", [Self.panel, CLI.binary.path, "2008", "2015"])
        #expect(status == 0, "\(output)")
    }
}
