using MarketMaking.Cli;

return MmApplication.Run(args, Console.Out, Console.Error);
