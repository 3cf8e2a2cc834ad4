namespace Polytape.Collector.Status;

/// <summary>
/// Where long-running loops report that they died (and recoverable errors, as the last error). <c>/health</c>
/// fails while any component is faulted, so a supervisor restarts a process whose loop is gone.
/// </summary>
public sealed class ComponentFaults(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ComponentFault> _faulted = new(StringComparer.Ordinal);
    private ComponentFault? _lastError;

    /// <summary>The component's loop has stopped with an error; the process is no longer healthy.</summary>
    public void Faulted(string component, string message)
    {
        var fault = new ComponentFault(component, message, time.GetUtcNow());
        lock (_gate)
        {
            _faulted[component] = fault;
            _lastError = fault;
        }
    }

    /// <summary>An error the component recovered from: shown as the last error, health unaffected.</summary>
    public void Error(string component, string message)
    {
        var fault = new ComponentFault(component, message, time.GetUtcNow());
        lock (_gate)
        {
            _lastError = fault;
        }
    }

    /// <summary>The component runs again (e.g. restarted by its supervisor).</summary>
    public void Recovered(string component)
    {
        lock (_gate)
        {
            _faulted.Remove(component);
        }
    }

    public IReadOnlyList<ComponentFault> Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _faulted.Values.OrderBy(f => f.At)];
            }
        }
    }

    public ComponentFault? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }
}
