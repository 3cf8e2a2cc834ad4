namespace Polytape.Stores.Schema;

/// <summary>Logical column types; each backend maps them to its own exact types.</summary>
public enum ColumnType : byte
{
    Int64,
    Int32,

    /// <summary>An int that may be absent.</summary>
    NullableInt32,

    /// <summary>Venue milliseconds; absent (-1 in the rows) is NULL.</summary>
    ExchangeTime,

    Text,
    NullableText,

    /// <summary>A book hash (SHA-1, sent as 40 lower-case hex characters) that may be absent.</summary>
    Hash,

    /// <summary>A short fixed vocabulary ("bid", "ask", "ws", …).</summary>
    Label,

    /// <summary>An exact price, 4 decimals; Empty is NULL.</summary>
    Price,

    /// <summary>An exact size, 6 decimals; Empty is NULL.</summary>
    Size,

    /// <summary>A boolean that may be absent.</summary>
    Flag,
}
