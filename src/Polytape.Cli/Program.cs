using Polytape.Cli;

return CliApplication.Run(args);
