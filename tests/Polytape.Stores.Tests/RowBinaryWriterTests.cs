using System.Buffers.Binary;
using System.Text;
using Polytape.Stores.ClickHouse;

namespace Polytape.Stores.Tests;

/// <summary>The RowBinary buffer keeps every byte as it grows past its first 64 KiB, and starts over on reset.</summary>
public sealed class RowBinaryWriterTests
{
    [Fact]
    public void GrowingBuffer_KeepsEveryField_AndResetStartsOver()
    {
        var writer = new RowBinaryWriter();
        var text = new string('a', 200);
        const int Rows = 2_000;
        for (var i = 0; i < Rows; i++)
        {
            writer.Int64(i);
            writer.Int32(-i);
            writer.Null(i % 2 == 0);
            writer.String(text);
            writer.String("é"u8);
        }

        var body = writer.Written.Span;
        Assert.True(body.Length > 1 << 17);
        for (var i = 0; i < Rows; i++)
        {
            Assert.Equal(i, BinaryPrimitives.ReadInt64LittleEndian(body));
            Assert.Equal(-i, BinaryPrimitives.ReadInt32LittleEndian(body[8..]));
            Assert.Equal(i % 2 == 0 ? 1 : 0, body[12]);
            Assert.Equal([0xC8, 0x01], body.Slice(13, 2).ToArray()); // 200 as LEB128
            Assert.Equal(text, Encoding.UTF8.GetString(body.Slice(15, 200)));
            Assert.Equal([2, 0xC3, 0xA9], body.Slice(215, 3).ToArray());
            body = body[218..];
        }

        Assert.True(body.IsEmpty);
        writer.Reset();
        writer.Reserve(3).Fill(7);
        Assert.Equal([7, 7, 7], writer.Written.ToArray());
    }
}
