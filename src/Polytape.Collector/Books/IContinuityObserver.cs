using Polytape.Domain.Continuity;

namespace Polytape.Collector.Books;

/// <summary>Told of every continuity transition, in order, on the book keeper's thread.</summary>
public interface IContinuityObserver
{
    void OnTransition(in ContinuityTransition transition);
}
