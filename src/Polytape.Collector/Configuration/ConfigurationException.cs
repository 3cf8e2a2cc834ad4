namespace Polytape.Collector.Configuration;

/// <summary>The configuration cannot be used; <see cref="Problems"/> lists every reason, one line each.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : this([new ConfigProblem("configuration", message)])
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ConfigProblem("configuration", message)];
    }

    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ConfigProblem> problems) =>
        problems.Count == 1
            ? "Invalid configuration: " + problems[0]
            : $"Invalid configuration ({problems.Count} problems):" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
}
