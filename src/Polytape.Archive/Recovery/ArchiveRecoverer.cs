using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Polytape.Archive.Files;

namespace Polytape.Archive.Recovery;

/// <summary>
/// Puts an archive directory back in order before writing: every <c>.open</c> file left by a crash is copied,
/// line by line and byte for byte, up to its last complete record into a sealed file with a manifest (in the format its
/// name says, so a gzip file from an older run stays gzip); missing
/// manifests are rebuilt; the highest sequence is found so that writing continues after it.
/// </summary>
internal sealed class ArchiveRecoverer(string directory, Func<string, Stream> createStream, CompressionLevel level, ILogger logger)
{
    public ArchiveRecoveryResult Run(CancellationToken cancellationToken)
    {
        DeleteLeftovers();
        var recovered = new List<RecoveredArchiveFile>();
        foreach (var openPath in ArchiveFileNames.OrderBySequence(ArchiveFileNames.Enumerate(directory, ArchiveFileNames.OpenSuffix)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            recovered.Add(RecoverOpenFile(openPath));
        }

        var rebuilt = new List<string>();
        var unreadable = new List<string>();
        var sealedFiles = ArchiveFileNames.ListDataFiles(directory, includeOpen: false);
        long lastSequence = 0;
        foreach (var sealedPath in sealedFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var manifest = TryReadManifest(sealedPath);
            if (manifest is null)
            {
                manifest = RebuildManifest(sealedPath, out var readThrough);
                lastSequence = Math.Max(lastSequence, readThrough);
                (manifest is null ? unreadable : rebuilt).Add(sealedPath);
            }

            lastSequence = Math.Max(lastSequence, manifest?.LastSequence ?? 0);
        }

        return new ArchiveRecoveryResult
        {
            RecoveredFiles = recovered,
            RebuiltManifests = rebuilt,
            UnreadableFiles = unreadable,
            SealedFiles = sealedFiles.Count,
            LastSequence = lastSequence,
        };
    }

    /// <summary>Partial copies from an interrupted recovery (their source is still there) and half-written manifests.</summary>
    private void DeleteLeftovers()
    {
        var leftovers = ArchiveFileNames.Enumerate(directory, ArchiveFileNames.RecoveringSuffix)
            .Concat(Directory.EnumerateFiles(directory, "*" + ArchiveFileNames.ManifestSuffix + ArchiveFileNames.TemporarySuffix))
            .ToList();
        foreach (var leftover in leftovers)
        {
            File.Delete(leftover);
            logger.LeftoverDeleted(leftover);
        }
    }

    private RecoveredArchiveFile RecoverOpenFile(string openPath)
    {
        var sealedPath = ArchiveFileNames.SealedPathOf(openPath);
        if (File.Exists(sealedPath))
        {
            // A previous recovery sealed this file and died before removing its source.
            File.Delete(openPath);
            logger.OpenFileAlreadySealed(sealedPath);
            return new RecoveredArchiveFile { OpenPath = openPath, SealedPath = sealedPath, StopReason = "already sealed" };
        }

        RecoveredArchiveFile result;
        using (var reader = RecordFileReader.Open(openPath))
        {
            result = CopyCompleteRecords(reader, sealedPath);
        }

        File.Delete(openPath);
        if (result.SealedPath is null)
        {
            logger.OpenFileEmpty(openPath, result.OpenFileBytes, result.StopReason);
        }
        else
        {
            logger.OpenFileRecovered(
                openPath, sealedPath, result.Records, result.FirstSequence, result.LastSequence, result.LostBytes, result.StopReason);
        }

        return result;
    }

    private RecoveredArchiveFile CopyCompleteRecords(RecordFileReader reader, string sealedPath)
    {
        ArchiveFile? copy = null;
        long firstSequence = 0;
        try
        {
            while (reader.TryRead(out var record, out var line))
            {
                if (copy is null)
                {
                    copy = ArchiveFile.Create(
                        sealedPath + ArchiveFileNames.RecoveringSuffix, sealedPath, createStream, level, DateTimeOffset.MaxValue);
                    firstSequence = record.Sequence;
                }

                copy.AppendLine(line.Span, record);
            }

            if (copy is not null)
            {
                var manifest = copy.Seal(recovered: true);
                ManifestJson.Write(ArchiveFileNames.ManifestPathOf(sealedPath), manifest);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            copy?.Abandon();
            throw new ArchiveException(
                $"could not recover {reader.Path}: {e.Message}; the .open file is untouched, fix the cause (space, permissions) and restart.", e);
        }

        return new RecoveredArchiveFile
        {
            OpenPath = reader.Path,
            SealedPath = copy is null ? null : sealedPath,
            OpenFileBytes = reader.FileBytes,
            Records = reader.Records,
            FirstSequence = firstSequence,
            LastSequence = reader.LastSequence,
            LostBytes = reader.LostBytes,
            StopReason = reader.StopReason,
        };
    }

    private static ArchiveManifest? TryReadManifest(string sealedPath)
    {
        var manifestPath = ArchiveFileNames.ManifestPathOf(sealedPath);
        if (!File.Exists(manifestPath))
        {
            return null;
        }

        try
        {
            return ManifestJson.Read(manifestPath);
        }
        catch (ArchiveException)
        {
            return null;
        }
    }

    /// <summary>The crash came between the rename and the manifest: the file itself is complete (it was fsynced first).</summary>
    private ArchiveManifest? RebuildManifest(string sealedPath, out long readThrough)
    {
        var builder = new ManifestBuilder();
        using (var reader = RecordFileReader.Open(sealedPath))
        {
            while (reader.TryRead(out var record, out _))
            {
                builder.Add(record.Sequence, record);
            }

            readThrough = reader.LastSequence;
            if (reader.StopReason is not null || reader.Records == 0)
            {
                logger.SealedFileDamaged(sealedPath, reader.Records, reader.StopReason ?? "no records");
                return null;
            }
        }

        string sha256;
        long bytes;
        using (var file = ArchiveStreams.OpenRead(sealedPath))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
            bytes = file.Length;
        }

        var manifest = builder.Build(Path.GetFileName(sealedPath), sha256, bytes, recovered: false);
        ManifestJson.Write(ArchiveFileNames.ManifestPathOf(sealedPath), manifest);
        logger.ManifestRebuilt(sealedPath);
        return manifest;
    }
}
