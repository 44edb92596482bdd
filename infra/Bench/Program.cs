using CreditFunctions.Bench.Ingest;
using CreditFunctions.Bench.Partner;
using CreditFunctions.Bench.Query;
using CreditFunctions.Bench.Push;
using CreditFunctions.Bench.Report;
using CreditFunctions.Bench.Rules;
using CreditFunctions.Bench.Sweep;

// ./infra/bench: `dotnet run -c Release --project infra/Bench -- <suite>`; each suite prints one JSON object per line:
// {"bench":"rules.classifyNs","value":123.4,"unit":"ns"}. Add a suite as one more case.
// No name runs every suite; several names run those, in order.
string[] all = ["rules", "signature", "ingest", "query", "sweep", "push", "partner", "report"];
var suites = args.Length > 0 ? args.TakeWhile(a => !a.StartsWith('-')).ToArray() : all;
foreach (var suite in suites)
{
    var code = await Run(suite, args);
    if (code != 0)
    {
        return code;
    }
}

return 0;

static async Task<int> Run(string suite, string[] args)
{
switch (suite)
{
    case "ingest":
        return await IngestBench.RunAsync(Console.Out);
    case "rules":
        return RulesRunner.Run(Console.Out);
    case "signature":
        return SignatureBench.Run(Console.Out);
    case "query":
        return await QueryBench.RunAsync(args);
    case "sweep":
        return await SweepBench.RunAsync(Console.Out);
    case "push":
        return await PushBench.RunAsync(Console.Out);
    case "partner":
        return await PartnerBench.RunAsync(Console.Out, args);
    case "report":
        return await ReportBench.RunAsync(args);
    default:
        Console.Error.WriteLine($"unknown bench suite '{suite}'. Known: rules, signature, ingest, query, sweep, push, partner, report");
        return 2;
}
}
