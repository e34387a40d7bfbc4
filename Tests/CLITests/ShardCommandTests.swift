import Foundation
import Testing
import Yams

/// The files of a folder (hidden bookkeeping aside) with their bytes.
private func visibleFiles(_ url: URL) throws -> [String: Data] {
    try folderDigest(url).filter { !$0.key.hasPrefix(".") }
}

@Suite("Sharded runs and smartspec merge")
struct ShardCommandTests {
    /// 20,000 synthetic regions (`generate scale`), written once for the suite.
    static let scale: URL = {
        let folder = scratchFolder("scale-20000")
        let result = try! CLI.run(["generate", "scale", "--regions", "20000", "--out", folder.path, "--force"])
        precondition(result.status == 0, result.stderr)
        return folder
    }()

    /// Runs the shards of `arguments` and merges them; returns the merged output's URL.
    static func shardAndMerge(_ arguments: [String], shards: Int, name: String) throws -> URL {
        let folder = scratchFolder(name)
        var parts: [String] = []
        for i in 0..<shards {
            let part = folder.appendingPathComponent("part-\(i)").path
            let result = try CLI.run(arguments + ["--shard", "\(i)/\(shards)", "--out", part])
            #expect(result.status == 0, "\(result.stderr)")
            parts.append(part)
        }
        let merged = folder.appendingPathComponent("merged")
        let result = try CLI.run(["merge"] + parts.reversed() + ["--out", merged.path])
        #expect(result.status == 0, "\(result.stderr)")
        return merged
    }

    @Test("similar --all --top 20 --format csv on 20,000 regions: the merge equals the unsharded output byte for byte", arguments: [1, 2, 3, 7])
    func similarScale(shards: Int) throws {
        let arguments = ["similar", "--all", "--dataset", Self.scale.path, "--top", "20", "--format", "csv"]
        let single = try CLI.run(arguments)
        #expect(single.status == 0)
        let merged = try Self.shardAndMerge(arguments, shards: shards, name: "similar-\(shards)")
        #expect(try String(contentsOf: merged, encoding: .utf8) == single.stdout)
    }

    @Test("similar --all --format json on the demo: the merge equals the unsharded output")
    func similarJSON() throws {
        let arguments = ["similar", "--all", "--top", "5", "--format", "json"]
        let single = try CLI.run(arguments)
        let merged = try Self.shardAndMerge(arguments, shards: 4, name: "similar-json")
        #expect(try String(contentsOf: merged, encoding: .utf8) == single.stdout)
        #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: merged))) != nil)
    }

    @Test("recommend --all on the demo: the merged folder equals one run file by file, the index included", arguments: [1, 2, 3, 7])
    func recommend(shards: Int) throws {
        let single = scratchFolder("recommend-single")
        let arguments = ["recommend", "--all", "--file-types", "html,md,json,csv"]
        let result = try CLI.run(arguments + ["--out", single.path])
        #expect(result.status == 0, "\(result.stderr)")
        let merged = try Self.shardAndMerge(arguments, shards: shards, name: "recommend-\(shards)")
        let expected = try visibleFiles(single), found = try visibleFiles(merged)
        #expect(expected.keys.sorted() == found.keys.sorted())
        #expect(expected.keys.contains("index.html") && expected.count > 90)
        for (name, data) in expected { #expect(found[name] == data, "\(name)") }
    }

    @Test("scenarios --uncertainty: the merged samples equal one run")
    func uncertainty() throws {
        let arguments = ["scenarios", "Datasets/demo/foresight/study.yaml", "--uncertainty", "1", "--samples", "50", "--seed", "4", "--format", "json"]
        let single = try CLI.run(arguments)
        let merged = try Self.shardAndMerge(arguments, shards: 3, name: "uncertainty")
        #expect(try String(contentsOf: merged, encoding: .utf8) == single.stdout)
    }

    @Test("backtest: the bootstrap draws split over shards give the one run's output")
    func backtest() throws {
        let arguments = ["backtest", "--dataset", "Datasets/eu-nuts2-sbs-2008-2015", "--base-year", "2008", "--target-year", "2015",
                         "--bootstrap", "64", "--format", "json"]
        let single = try CLI.run(arguments)
        #expect(single.status == 0, "\(single.stderr)")
        let merged = try Self.shardAndMerge(arguments, shards: 3, name: "backtest")
        #expect(try String(contentsOf: merged, encoding: .utf8) == single.stdout)
    }

    @Test("union: the sheets split over shards; the merged site equals one run file by file")
    func union() throws {
        let single = scratchFolder("union-single")
        let arguments = ["union", "--study", "Datasets/demo/foresight/study.yaml", "--geometry", "Datasets/demo/geometry.geojson"]
        let result = try CLI.run(arguments + ["--out", single.path])
        #expect(result.status == 0, "\(result.stderr)")
        let merged = try Self.shardAndMerge(arguments, shards: 3, name: "union")
        let expected = try visibleFiles(single), found = try visibleFiles(merged)
        #expect(expected.keys.sorted() == found.keys.sorted() && expected.keys.contains("union.json"))
        for (name, data) in expected { #expect(found[name] == data, "\(name)") }
    }

    @Test("merge refuses a missing or a repeated shard with exit status 1 and writes nothing")
    func refusals() throws {
        let folder = scratchFolder("refusals")
        let arguments = ["similar", "--all", "--top", "3", "--format", "csv"]
        var parts: [String] = []
        for i in 0..<3 {
            parts.append(folder.appendingPathComponent("p\(i)").path)
            #expect(try CLI.run(arguments + ["--shard", "\(i)/3", "--out", parts[i]]).status == 0)
        }
        let out = folder.appendingPathComponent("merged.csv")
        let missing = try CLI.run(["merge", parts[0], parts[2], "--out", out.path])
        #expect(missing.status == 1 && missing.stderr.contains("shard 1 of 3 is missing"), "\(missing.stderr)")
        let repeated = try CLI.run(["merge", parts[0], parts[1], parts[1], parts[2], "--out", out.path])
        #expect(repeated.status == 1 && repeated.stderr.contains("Shard 1 is given more than once"), "\(repeated.stderr)")
        let other = folder.appendingPathComponent("other").path
        #expect(try CLI.run(["similar", "--all", "--top", "4", "--format", "csv", "--shard", "1/3", "--out", other]).status == 0)
        let mismatched = try CLI.run(["merge", parts[0], other, parts[2], "--out", out.path])
        #expect(mismatched.status == 1 && mismatched.stderr.contains("differs from") && mismatched.stderr.contains("in its options"), "\(mismatched.stderr)")
        // A part whose neighbour lists were cut short, or whose region list does not fit its shard.
        let damaged = folder.appendingPathComponent("damaged")
        try FileManager.default.copyItem(atPath: parts[1], toPath: damaged.path)
        let lists = damaged.appendingPathComponent("neighbours.bin")
        let bytes = try Data(contentsOf: lists)
        try bytes.prefix(bytes.count - 5).write(to: lists)
        let cut = try CLI.run(["merge", parts[0], damaged.path, parts[2], "--out", out.path])
        #expect(cut.status == 1 && cut.stderr.contains("is damaged: neighbours.bin"), "\(cut.stderr)")
        try bytes.write(to: lists)
        try "X\n".write(to: damaged.appendingPathComponent("regions.txt"), atomically: true, encoding: .utf8)
        let codes = try CLI.run(["merge", parts[0], damaged.path, parts[2], "--out", out.path])
        #expect(codes.status == 1 && codes.stderr.contains("is damaged: regions.txt"), "\(codes.stderr)")
        let notAPart = try CLI.run(["merge", folder.path, "--out", out.path])
        #expect(notAPart.status == 1 && notAPart.stderr.contains("is not a part written by --shard"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let badShard = try CLI.run(arguments + ["--shard", "3/3", "--out", other])
        #expect(badShard.status != 0 && badShard.stderr.contains("--shard 3/3 is not a shard"))
    }

    @Test("The Kubernetes Indexed Job is valid YAML and runs the Slurm script's command line")
    func kubernetes() throws {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent("Deploy/kubernetes/smartspec-indexed-job.yaml"), encoding: .utf8)
        let job = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(job["kind"] as? String == "Job" && job["apiVersion"] as? String == "batch/v1")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let container = try #require((((spec["template"] as? [String: Any])?["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first)
        let env = Dictionary(uniqueKeysWithValues: ((container["env"] as? [[String: Any]]) ?? []).map { ($0["name"] as? String ?? "", "\($0["value"] ?? "")") })
        #expect(env["SHARDS"] == "\(spec["completions"] ?? "")" && "\(spec["parallelism"] ?? "")" == env["SHARDS"])
        let script = try #require((container["args"] as? [Any])?.first as? String)
        let slurm = try String(contentsOf: CLI.repository.appendingPathComponent("Deploy/slurm/smartspec-shard.sbatch"), encoding: .utf8)
        let execLine = { (text: String) in text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("exec ") } }
        #expect(execLine(script) != nil && execLine(script) == execLine(slurm))
        #expect(script.contains("INDEX=$JOB_COMPLETION_INDEX") && slurm.contains("INDEX=$SLURM_ARRAY_TASK_ID") && slurm.contains("COUNT=$SLURM_ARRAY_TASK_COUNT"))
    }
}
