namespace Polytape.Archive.Tests;

public sealed class ArchiveOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass() => new ArchiveOptions().Validate();

    [Fact]
    public void Validate_EverySettingOutOfRange_IsNamedInOneMessage()
    {
        var options = new ArchiveOptions
        {
            Directory = " ",
            RotationPeriod = TimeSpan.FromMinutes(7),
            MaxFileBytes = 10,
            FlushInterval = TimeSpan.Zero,
            FlushEveryRecords = 0,
            QueueCapacity = 0,
            Format = (ArchiveFormat)7,
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        foreach (var name in new[] { "Directory", "RotationPeriod", "MaxFileBytes", "FlushInterval", "FlushEveryRecords", "QueueCapacity", "Format" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }
}
