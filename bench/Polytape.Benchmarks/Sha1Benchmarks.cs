using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Polytape.Domain.Hashing;

namespace Polytape.Benchmarks;

/// <summary>SHA-1 of a typical hashed book (~1 KB): OpenSSL's low-level calls against the runtime's EVP path.</summary>
[MemoryDiagnoser]
public class Sha1Benchmarks
{
    private readonly byte[] _book = new byte[1_024];
    private readonly byte[] _digest = new byte[Sha1Digest.ByteLength];
    private readonly Sha1Digest _native = new();
#pragma warning disable CA5350 // the venue's hash
    private readonly IncrementalHash _incremental = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350

    [GlobalSetup]
    public void Setup() => new Random(1).NextBytes(_book);

    [Benchmark(Baseline = true)]
    public int IncrementalHashReset()
    {
        _incremental.AppendData(_book);
        return _incremental.GetHashAndReset(_digest);
    }

    [Benchmark]
    public byte[] OneShotHashData()
    {
#pragma warning disable CA5350
        SHA1.HashData(_book, _digest);
#pragma warning restore CA5350
        return _digest;
    }

    [Benchmark]
    public byte[] Sha1DigestNative()
    {
        _native.Hash(_book, _digest);
        return _digest;
    }
}
