using System.Text;
using System.Text.Json.Nodes;
using Polytape.Polymarket.MarketChannel;
using static Polytape.Polymarket.Tests.MarketChannel.MarketChannelFrames;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>Frame shapes (object, array, control text) and independence from key order and whitespace.</summary>
public sealed class MarketFrameParserFramingTests
{
    private readonly MarketFrameParser _parser = new();
    private readonly RecordingHandler _handler = new();

    public static TheoryData<string, KeyOrder> FramesAndOrders()
    {
        var data = new TheoryData<string, KeyOrder>();
        foreach (var (name, _) in All())
        {
            foreach (var order in Enum.GetValues<KeyOrder>())
            {
                data.Add(name, order);
            }
        }

        return data;
    }

    public static TheoryData<string> ObjectFrames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in All().Where(f => f.Frame[0] == (byte)'{'))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ObjectFrames))]
    public void Parse_ObjectWrappedInOneElementArray_DispatchesTheSameEvent(string name)
    {
        var frame = ByName(name);
        var expected = Trace(frame);

        var result = _parser.Parse(Utf8($"[{Encoding.UTF8.GetString(frame)}]"), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        Assert.Equal(1, result.EventCount);
        Assert.Equal(expected, _handler.Trace());
    }

    [Fact]
    public void Parse_ArrayOfMixedEvents_DispatchesEveryEventInOrder()
    {
        var objects = All().Where(f => f.Frame[0] == (byte)'{').ToList();
        var expected = objects.SelectMany(f => Trace(f.Frame)).ToList();
        var array = "[" + string.Join(",\n", objects.Select(f => Encoding.UTF8.GetString(f.Frame).Trim())) + "]";

        var result = _parser.Parse(Utf8(array), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        Assert.Equal(objects.Count, result.EventCount);
        Assert.Equal(expected, _handler.Trace());
        Assert.Equal(
            [typeof(RecordedBestBidAsk), typeof(RecordedMarketNotice), typeof(RecordedMarketNotice), typeof(RecordedBook)],
            _handler.Events.Take(4).Select(e => e.GetType()));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[ ]")]
    [InlineData(" \r\n[\n]\t")]
    public void Parse_EmptyArray_IsEventsWithNoEvent(string frame)
    {
        var result = _parser.Parse(Utf8(frame), _handler);

        Assert.Equal(new FrameParseResult(FrameKind.Events, 0, null), result);
        Assert.Empty(_handler.Events);
        Assert.Equal(1, _parser.Statistics.FramesOf(FrameKind.Events));
    }

    [Theory]
    [MemberData(nameof(FramesAndOrders))]
    public void Parse_KeysInAnotherOrder_GiveIdenticalEvents(string name, KeyOrder order)
    {
        var frame = ByName(name);
        var expected = Trace(frame);
        var reordered = Reorder(JsonNode.Parse(frame), order)!.ToJsonString();
        Assert.NotEqual(Encoding.UTF8.GetString(frame).Trim(), reordered);

        var result = _parser.Parse(Utf8(reordered), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        Assert.Equal(expected, _handler.Trace());
    }

    [Theory]
    [MemberData(nameof(MarketChannelFrames.AllNames), MemberType = typeof(MarketChannelFrames))]
    public void Parse_WhitespaceBetweenEveryToken_GivesIdenticalEvents(string name)
    {
        var frame = ByName(name);
        var expected = Trace(frame);
        var spread = " \r\n" + Spread(Encoding.UTF8.GetString(frame), " \n\t\r  ") + "\n\n ";

        var result = _parser.Parse(Utf8(spread), _handler);

        Assert.Equal(FrameKind.Events, result.Kind);
        Assert.Equal(expected, _handler.Trace());
    }

    [Theory]
    [InlineData("PONG", FrameKind.Pong)]
    [InlineData("PONG\r\n", FrameKind.Pong)]
    [InlineData("INVALID OPERATION", FrameKind.InvalidOperation)]
    [InlineData("NO NEW ASSETS", FrameKind.NoNewAssets)]
    [InlineData("hello", FrameKind.OtherText)]
    [InlineData("pong", FrameKind.OtherText)]
    [InlineData("PONGPONG", FrameKind.OtherText)]
    [InlineData("\"PONG\"", FrameKind.OtherText)]
    [InlineData("", FrameKind.Empty)]
    [InlineData("   ", FrameKind.Empty)]
    [InlineData("\r\n\t", FrameKind.Empty)]
    public void Parse_TextFrame_IsClassifiedWithoutEvents(string text, FrameKind kind)
    {
        var result = _parser.Parse(Utf8(text), _handler);

        Assert.Equal(new FrameParseResult(kind, 0, null), result);
        Assert.Empty(_handler.Events);
        Assert.Equal(1, _parser.Statistics.FramesOf(kind));
    }

    [Fact]
    public void Parse_ErrorObject_IsUnknownEventCountedAsMissingType()
    {
        const string Frame = """{"error":"x"}""";

        var result = _parser.Parse(Utf8(Frame), _handler);

        Assert.Equal(new FrameParseResult(FrameKind.Events, 1, null), result);
        var unknown = _handler.Single<RecordedUnknownEvent>();
        Assert.Equal("", unknown.EventType);
        Assert.Equal(Frame, unknown.RawJson);
        Assert.Equal(new Dictionary<string, long> { ["(missing)"] = 1 }, _parser.Statistics.Drift.EventTypeCounts());
        Assert.Equal(1, _parser.Statistics.EventsOf(MarketEventType.Unknown));
        Assert.Empty(_parser.Statistics.Drift.FieldCounts());
    }

    [Fact]
    public void Parse_ArrayElements_RawJsonIsEachElementOnly()
    {
        const string First = """{"event_type":"a","x":[1,{"y":2}]}""";
        const string Second = """{"event_type":"b"}""";

        _parser.Parse(Utf8($"[ {First} ,\n{Second}]"), _handler);

        Assert.Equal(First, _handler.At<RecordedUnknownEvent>(0).RawJson);
        Assert.Equal(Second, _handler.At<RecordedUnknownEvent>(1).RawJson);
    }

    private static IReadOnlyList<string> Trace(byte[] frame)
    {
        var handler = new RecordingHandler();
        Assert.Equal(FrameKind.Events, new MarketFrameParser().Parse(frame, handler).Kind);
        Assert.NotEmpty(handler.Events);
        return handler.Trace();
    }

    /// <summary>Rebuilds the JSON with keys in another order; values are written back as they were read.</summary>
    private static JsonNode? Reorder(JsonNode? node, KeyOrder order)
    {
        switch (node)
        {
            case JsonObject source:
                var keys = source.Select(p => p.Key).ToList();
                var ordered = order switch
                {
                    KeyOrder.Reversed => Enumerable.Reverse(keys).ToList(),
                    KeyOrder.EventTypeFirst => MoveEventType(keys, 0),
                    KeyOrder.EventTypeMiddle => MoveEventType(keys, keys.Count / 2),
                    _ => MoveEventType(keys, keys.Count - 1),
                };
                var target = new JsonObject();
                foreach (var key in ordered)
                {
                    target[key] = Reorder(source[key], order);
                }

                return target;
            case JsonArray array:
                return new JsonArray(array.Select(element => Reorder(element, order)).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>Moves event_type to <paramref name="index"/>; objects without it (levels, REST books) are reversed instead.</summary>
    private static List<string> MoveEventType(List<string> keys, int index)
    {
        if (!keys.Contains("event_type"))
        {
            return Enumerable.Reverse(keys).ToList();
        }

        var moved = keys.Where(k => k != "event_type").ToList();
        moved.Insert(Math.Min(index, moved.Count), "event_type");
        return moved.SequenceEqual(keys) ? [.. moved[1..], moved[0]] : moved;
    }

    /// <summary>Puts <paramref name="whitespace"/> before and after every structural character outside strings.</summary>
    private static string Spread(string json, string whitespace)
    {
        var builder = new StringBuilder();
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\')
                {
                    builder.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c is '{' or '}' or '[' or ']' or ':' or ',')
            {
                builder.Append(whitespace).Append(c).Append(whitespace);
            }
            else
            {
                inString = c == '"';
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>How <see cref="MarketFrameParserFramingTests"/> rearranges keys.</summary>
public enum KeyOrder
{
    Reversed,
    EventTypeFirst,
    EventTypeMiddle,
    EventTypeLast,
}
