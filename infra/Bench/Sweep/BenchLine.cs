using System.Globalization;

namespace CreditFunctions.Bench.Sweep;

/// <summary>One figure as one JSON line: {"bench":"sweep.seconds","value":1.2,"unit":"s"}.</summary>
internal static class BenchLine
{
    public static void Write(TextWriter output, string bench, double value, string unit) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"bench\":\"{bench}\",\"value\":{Math.Round(value, 3)},\"unit\":\"{unit}\"}}"));
}
