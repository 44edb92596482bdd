Console.WriteLine("dev host: not yet");
