using System.CommandLine;
using Polytape.Cli.Commands;

namespace Polytape.Cli;

/// <summary>The <c>polytape</c> command line: one verb per job.</summary>
public static class CliApplication
{
    public static RootCommand CreateRootCommand() =>
        new("Polytape records Polymarket's public order-book data, proves every book against the venue, and serves it.")
        {
            RecordCommand.Create(),
            CheckCommand.Create(),
            LoadCommand.Create(),
            SimulateCommand.Create(),
        };

    /// <summary>Runs the CLI with the given output writers (tests pass their own).</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        // Ctrl-C and SIGTERM cancel the running verb; recording then drains and seals, which may take a while.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2) };
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        return CreateRootCommand().Parse(args).Invoke(configuration);
    }
}
