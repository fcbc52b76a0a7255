using System.Text.Json;
using MarketMaking.Core.MarketData;
using MarketMaking.Core.Orders;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Files;

/// <summary>
/// Shared parts of the NDJSON parsers: reading numbers and [price, size] level arrays from a
/// <see cref="Utf8JsonReader"/> straight into ticks and lots, and keeping the first problem of a
/// message so the whole message is reported once and dropped.
/// </summary>
internal abstract class JsonLineParser(ParseContext context) : LineParser(context)
{
    private BadRowReason _errorReason;
    private string? _errorField;
    private string? _errorProblem;

    protected LevelList Levels { get; } = new();

    protected bool HasError => _errorField is not null;

    /// <summary>Forgets the previous message's levels and problem.</summary>
    protected void StartMessage()
    {
        _errorField = null;
        Levels.Clear();
    }

    /// <summary>Reads one JSON object through <see cref="ParseMessage"/>; false (with the problem kept) when it is not valid JSON.</summary>
    protected bool TryParse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Fail(BadRowReason.Malformed, "json", "not a JSON object");
                return false;
            }

            ParseMessage(ref reader);
            return true;
        }
        catch (JsonException e)
        {
            Fail(BadRowReason.Malformed, "json", e.Message);
            return false;
        }
    }

    /// <summary>Reads the properties of the message's top-level object (the reader is on its start).</summary>
    protected abstract void ParseMessage(ref Utf8JsonReader reader);

    /// <summary>Reports the kept problem (throws under --on-bad-row stop).</summary>
    protected void ReportError(long line) => Context.BadRows.Report(_errorReason, line, _errorField!, _errorProblem!);

    protected bool TryReadLong(ref Utf8JsonReader r, out long value, string name)
    {
        value = 0;
        bool ok = r.TokenType == JsonTokenType.Number ? r.TryGetInt64(out value)
            : r.TokenType == JsonTokenType.String && DecimalText.TryParseInteger(r.ValueSpan, out value);
        if (!ok)
        {
            Fail(BadRowReason.UnparsableNumber, name, "not a whole number");
            r.Skip();
        }

        return ok;
    }

    protected bool TryReadPrice(ref Utf8JsonReader r, out long ticks, string name)
    {
        ticks = 0;
        NumberStatus status = IsScalar(r.TokenType) ? Context.Units.Price(r.ValueSpan, out ticks) : NumberStatus.Unparsable;
        if (status != NumberStatus.Ok)
        {
            FailPrice(status, name, IsScalar(r.TokenType) ? r.ValueSpan : default);
            r.Skip();
        }

        return status == NumberStatus.Ok;
    }

    protected bool TryReadQuantity(ref Utf8JsonReader r, out long lots, string name)
    {
        lots = 0;
        NumberStatus status = IsScalar(r.TokenType) ? Context.Units.Quantity(r.ValueSpan, out lots) : NumberStatus.Unparsable;
        if (status != NumberStatus.Ok)
        {
            FailQuantity(status, name, IsScalar(r.TokenType) ? r.ValueSpan : default);
            r.Skip();
        }

        return status == NumberStatus.Ok;
    }

    /// <summary>An array of [price, size] pairs into <see cref="Levels"/>.</summary>
    protected void ParseLevels(ref Utf8JsonReader r, Side side, string field)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            Fail(BadRowReason.Malformed, field, "expected an array of [price, size] pairs");
            r.Skip();
            return;
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartArray)
            {
                Fail(BadRowReason.Malformed, field, "expected [price, size] pairs");
                r.Skip();
                continue;
            }

            int pairDepth = r.CurrentDepth;
            NumberStatus priceStatus = NumberStatus.Unparsable, sizeStatus = NumberStatus.Unparsable;
            long price = 0, size = 0;
            if (r.Read() && IsScalar(r.TokenType))
            {
                priceStatus = Context.Units.Price(r.ValueSpan, out price);
                if (priceStatus != NumberStatus.Ok)
                {
                    FailPrice(priceStatus, field, r.ValueSpan);
                }

                if (r.Read() && IsScalar(r.TokenType))
                {
                    sizeStatus = Context.Units.Quantity(r.ValueSpan, out size);
                    if (sizeStatus != NumberStatus.Ok)
                    {
                        FailQuantity(sizeStatus, field, r.ValueSpan);
                    }
                }
            }

            if (priceStatus == NumberStatus.Ok && sizeStatus == NumberStatus.Ok)
            {
                Levels.Add(side, price, size);
            }
            else if (!HasError)
            {
                Fail(BadRowReason.Malformed, field, "expected [price, size] pairs");
            }

            SkipRestOfArray(ref r, pairDepth);
        }
    }

    protected static bool IsScalar(JsonTokenType type) => type is JsonTokenType.String or JsonTokenType.Number;

    /// <summary>Keeps the first problem of the message.</summary>
    protected void Fail(BadRowReason reason, string field, string problem)
    {
        if (_errorField is null)
        {
            _errorReason = reason;
            _errorField = field;
            _errorProblem = problem;
        }
    }

    /// <summary>Moves to the end of the array opened at <paramref name="depth"/>, whatever it still holds.</summary>
    private static void SkipRestOfArray(ref Utf8JsonReader r, int depth)
    {
        while (!(r.TokenType == JsonTokenType.EndArray && r.CurrentDepth == depth))
        {
            r.Skip();
            if (!r.Read())
            {
                return;
            }
        }
    }

    private void FailPrice(NumberStatus status, string field, ReadOnlySpan<byte> text)
    {
        if (_errorField is null)
        {
            (BadRowReason reason, string problem) = BadRowHandler.Describe(status, text, Context.Units.PriceGrid, "tick");
            Fail(reason, field, problem);
        }
    }

    private void FailQuantity(NumberStatus status, string field, ReadOnlySpan<byte> text)
    {
        if (_errorField is null)
        {
            (BadRowReason reason, string problem) = BadRowHandler.Describe(status, text, Context.Units.QuantityGrid, "lot");
            Fail(reason, field, problem);
        }
    }
}
