using CreditFunctions.Bench.Query;
using CreditFunctions.Bench.Push;
using CreditFunctions.Bench.Rules;
using CreditFunctions.Bench.Sweep;

// ./infra/bench: `dotnet run -c Release --project infra/Bench -- <suite>`; each suite prints one JSON object per line:
// {"bench":"rules.classifyNs","value":123.4,"unit":"ns"}. Add a suite as one more case.
var suite = args.Length > 0 ? args[0] : "";
switch (suite)
{
    case "rules":
        return RulesRunner.Run(Console.Out);
    case "query":
        return await QueryBench.RunAsync(args);
    case "sweep":
        return await SweepBench.RunAsync(Console.Out);
    case "push":
        return await PushBench.RunAsync(Console.Out);
    default:
        Console.Error.WriteLine($"unknown bench suite '{suite}'. Known: rules");
        return 2;
}
