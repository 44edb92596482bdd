using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CreditFunctions.Bench.Rules;

/// <summary>Runs <see cref="RulesBenchmarks"/> with a short in-process job and prints one JSON object per line.</summary>
public static class RulesRunner
{
    public static int Run(TextWriter output)
    {
        var job = Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithLaunchCount(1);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);

        var summary = BenchmarkRunner.Run<RulesBenchmarks>(config);
        var ok = true;
        foreach (var report in summary.Reports)
        {
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var stats = report.ResultStatistics;
            if (stats is null) { ok = false; continue; }
            var name = method switch
            {
                nameof(RulesBenchmarks.Classify) => "rules.classifyNs",
                nameof(RulesBenchmarks.Status) => "rules.statusNs",
                nameof(RulesBenchmarks.Restriction) => "rules.restrictionNs",
                _ => "rules." + method + "Ns",
            };
            Line(output, name, stats.Mean, "ns");
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            if (method == nameof(RulesBenchmarks.Status) && bytes is { } b) Line(output, "rules.statusAllocBytes", b, "bytes");
        }
        return ok ? 0 : 1;
    }

    private static void Line(TextWriter output, string bench, double value, string unit) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"bench\":\"{bench}\",\"value\":{Math.Round(value, 1)},\"unit\":\"{unit}\"}}"));
}
