namespace Polytape.Simulator.Wire;

/// <summary>How an empty side's best price is written: the docs use "0"/"1", some live frames "".</summary>
public enum EmptySideStyle : byte
{
    Bounds = 0,
    EmptyString = 1,
}
