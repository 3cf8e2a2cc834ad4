using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Wire;

/// <summary>One price_change entry: a token's level and its new absolute size (0 deletes).</summary>
public readonly record struct LevelUpdate(SimulatedToken Token, Side Side, Price Price, Size Size);
