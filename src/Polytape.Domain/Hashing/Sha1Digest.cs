using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Polytape.Domain.Hashing;

/// <summary>
/// SHA-1 for the book hash. On Linux it calls OpenSSL's low-level <c>SHA1_Init/Update/Final</c> in the libcrypto the
/// runtime already loaded: .NET's hashing goes through OpenSSL's EVP layer, which clears the error queue and frees a
/// context on every call, about a third of the cost of hashing a typical ~1 KB book (BENCHMARKS.md, "Recording").
/// Elsewhere, or if those exports are missing, it falls back to <see cref="IncrementalHash"/>, whose safe handle frees
/// its context when the digest is collected (a digest lives as long as its owner). One instance per thread.
/// </summary>
public sealed unsafe class Sha1Digest
{
    public const int ByteLength = 20;

    /// <summary>OpenSSL's <c>SHA_CTX</c> is 92 bytes (five state words, two length words, a 64-byte block, a count).</summary>
    private const int ContextBytes = 128;

    /// <summary>Longer inputs keep the GC transition: hashing 16 KB takes ~10 µs, the longest a GC should wait for us.</summary>
    private const int NoTransitionMaxBytes = 16 * 1024;

    private static readonly Native? Functions = Native.Load();

#pragma warning disable CA5350 // SHA-1 is the venue's choice: we reproduce its hash, we do not rely on it for security.
    private readonly IncrementalHash? _fallback = Functions is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA1) : null;
#pragma warning restore CA5350

    /// <summary>Whether OpenSSL's low-level functions are in use (false: the portable fallback).</summary>
    public static bool IsNative => Functions is not null;

    public void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (digest.Length < ByteLength)
        {
            throw new ArgumentException($"The digest needs {ByteLength} bytes.", nameof(digest));
        }

        if (_fallback is not null)
        {
            _fallback.AppendData(data);
            _fallback.GetHashAndReset(digest);
            return;
        }

        var native = Functions!;
        var context = stackalloc byte[ContextBytes];
        fixed (byte* input = data)
        fixed (byte* output = digest)
        {
            var initialised = native.Init(context);
            var updated = data.Length <= NoTransitionMaxBytes
                ? native.Update(context, input, (nuint)data.Length)
                : native.UpdateLong(context, input, (nuint)data.Length);
            if ((initialised & updated & native.Final(output, context)) != 1)
            {
                throw new CryptographicException("OpenSSL's SHA1 failed.");
            }
        }
    }

    /// <summary>The three exports, found once in the libcrypto 3 the runtime uses for its own cryptography.</summary>
    private sealed class Native
    {
        public delegate* unmanaged[SuppressGCTransition]<byte*, int> Init;
        public delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int> Update;
        public delegate* unmanaged<byte*, byte*, nuint, int> UpdateLong;
        public delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int> Final;

        public static Native? Load()
        {
            if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libcrypto.so.3", out var library))
            {
                return null;
            }

            if (!NativeLibrary.TryGetExport(library, "SHA1_Init", out var init)
                || !NativeLibrary.TryGetExport(library, "SHA1_Update", out var update)
                || !NativeLibrary.TryGetExport(library, "SHA1_Final", out var final))
            {
                return null;
            }

            return new Native
            {
                Init = (delegate* unmanaged[SuppressGCTransition]<byte*, int>)init,
                Update = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)update,
                UpdateLong = (delegate* unmanaged<byte*, byte*, nuint, int>)update,
                Final = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)final,
            };
        }
    }
}
