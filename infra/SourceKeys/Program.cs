using CreditFunctions.SourceKeys;

return SourceKeysCommand.Run(args, Console.Out, Console.Error);
