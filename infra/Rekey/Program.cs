using CreditFunctions.Rekey;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop between requests: what was moved stays moved, and the next run goes on from there.
    e.Cancel = true;
    cancel.Cancel();
};

return await RekeyCommand.RunAsync(args, Console.Out, Console.Error, cancel.Token);
