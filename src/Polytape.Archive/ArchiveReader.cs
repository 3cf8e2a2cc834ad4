using System.Security.Cryptography;
using Polytape.Archive.Files;

namespace Polytape.Archive;

/// <summary>
/// Reads the raw archive back: records with their exact payload bytes, in sequence order, from sealed files and
/// from <c>.open</c> files (up to their last complete record, which is how far a live or crashed writer got).
/// Each record read owns fresh arrays, except through <see cref="ReadReusingPayloads"/>.
/// </summary>
public static class ArchiveReader
{
    /// <summary>Records from a directory (every archive file in it) or from one file.</summary>
    public static IEnumerable<ArchiveRecord> Read(string path, ArchiveRange? range = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Directory.Exists(path) ? Read(ListFiles(path), range) : Read([path], range);
    }

    /// <summary>Records from the given files, taken in sequence order of their names.</summary>
    public static IEnumerable<ArchiveRecord> Read(IEnumerable<string> files, ArchiveRange? range = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        return ReadCore(ArchiveFileNames.OrderBySequence(files), range ?? ArchiveRange.All, reusePayloads: false);
    }

    /// <summary>
    /// As <see cref="Read(string, ArchiveRange?)"/>, except that the records do not own their payloads: one buffer is
    /// reused, so a record's <see cref="ArchiveRecord.Payload"/> is valid only until the next record is read. Saves an
    /// array per record for consumers that are done with each record before taking the next (never collect these).
    /// </summary>
    public static IEnumerable<ArchiveRecord> ReadReusingPayloads(string path, ArchiveRange? range = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        IEnumerable<string> files = Directory.Exists(path) ? ListFiles(path) : [path];
        return ReadCore(ArchiveFileNames.OrderBySequence(files), range ?? ArchiveRange.All, reusePayloads: true);
    }

    /// <summary>Sealed and open archive files in a directory, in sequence order.</summary>
    public static IReadOnlyList<string> ListFiles(string directory) => ArchiveFileNames.ListDataFiles(directory, includeOpen: true);

    /// <summary>The manifest beside a sealed file.</summary>
    public static ArchiveManifest ReadManifest(string sealedPath) => ManifestJson.Read(ArchiveFileNames.ManifestPathOf(sealedPath));

    /// <summary>Checks a sealed file against its manifest: size, SHA-256, and that every record reads with the stated count and range.</summary>
    public static async Task<ArchiveVerification> VerifyAsync(string sealedPath, CancellationToken cancellationToken = default)
    {
        var manifest = ReadManifest(sealedPath);
        var problems = new List<string>();
        string actualSha256;
        await using (var file = ArchiveStreams.OpenRead(sealedPath))
        {
            if (file.Length != manifest.Bytes)
            {
                problems.Add($"the file is {file.Length} bytes, the manifest says {manifest.Bytes}");
            }

            actualSha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        }

        if (!string.Equals(actualSha256, manifest.Sha256, StringComparison.Ordinal))
        {
            problems.Add($"sha256 is {actualSha256}, the manifest says {manifest.Sha256}");
        }

        long records = 0, first = 0, last = 0;
        using (var reader = RecordFileReader.Open(sealedPath))
        {
            while (reader.TryRead(out var record, out _))
            {
                first = records++ == 0 ? record.Sequence : first;
                last = record.Sequence;
            }

            if (reader.StopReason is not null)
            {
                problems.Add($"reading stopped after {reader.Records} records: {reader.StopReason}");
            }
        }

        if (records != manifest.Records || first != manifest.FirstSequence || last != manifest.LastSequence)
        {
            problems.Add($"the file holds {records} records, seq {first}-{last}; the manifest says {manifest.Records}, seq {manifest.FirstSequence}-{manifest.LastSequence}");
        }

        return new ArchiveVerification
        {
            Path = sealedPath,
            Problems = problems,
            ExpectedSha256 = manifest.Sha256,
            ActualSha256 = actualSha256,
            ExpectedRecords = manifest.Records,
            ActualRecords = records,
        };
    }

    private static IEnumerable<ArchiveRecord> ReadCore(List<string> files, ArchiveRange range, bool reusePayloads)
    {
        long previous = 0;
        foreach (var listed in files)
        {
            if (range.ToSequence is { } to && previous >= to)
            {
                yield break;
            }

            var path = Locate(listed);
            if (SkipByManifest(path, range))
            {
                continue;
            }

            using var reader = RecordFileReader.Open(path, reusePayloads: reusePayloads);
            while (reader.TryRead(out var record, out _))
            {
                if (record.Sequence <= previous)
                {
                    throw new ArchiveException(
                        $"archive files overlap: {path} has seq {record.Sequence} after seq {previous} from an earlier file.");
                }

                previous = record.Sequence;
                if (range.Contains(record))
                {
                    yield return record;
                }
            }

            if (reader.StopReason is { } reason && !ArchiveFileNames.IsOpen(path))
            {
                throw new ArchiveException(
                    $"sealed archive file {path} is damaged after {reader.Records} records ({reason}); check it with VerifyAsync.");
            }
        }
    }

    /// <summary>An <c>.open</c> file listed a moment ago may have been sealed since: read it under its new name.</summary>
    private static string Locate(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        if (ArchiveFileNames.IsOpen(path) && File.Exists(ArchiveFileNames.SealedPathOf(path)))
        {
            return ArchiveFileNames.SealedPathOf(path);
        }

        throw new FileNotFoundException($"archive file {path} does not exist.", path);
    }

    private static bool SkipByManifest(string path, ArchiveRange range)
    {
        if ((range.FromSequence is null && range.ToSequence is null) || ArchiveFileNames.IsOpen(path)
            || !File.Exists(ArchiveFileNames.ManifestPathOf(path)))
        {
            return false;
        }

        return !range.Overlaps(ReadManifest(path));
    }
}
