using System.Globalization;
using System.Text;
using MarketMaking.Data.Bybit;

namespace MarketMaking.Data.Tests.Bybit;

/// <summary>The fast number parser gives the general parser's double, bit for bit, and refuses what it refuses.</summary>
public class BybitJsonTests
{
    [Theory]
    [InlineData("60000.5")]
    [InlineData("0.001")]
    [InlineData("-0")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("007.250")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("0.1234567890123456789")]
    [InlineData("9007199254740993")]
    [InlineData("1e5")]
    [InlineData(" 1.5")]
    [InlineData("+2.5")]
    [InlineData("NaN")]
    public void EdgeCasesParseAsTheGeneralParserDoes(string text) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(BybitJson.ParseDouble(Encoding.UTF8.GetBytes(text))));

    [Fact]
    public void AHundredThousandRandomDecimalsParseBitForBitAsTheGeneralParser()
    {
        var random = new Random(20261203);
        for (int i = 0; i < 100_000; i++)
        {
            int digits = random.Next(1, 18);
            int point = random.Next(0, digits + 1);
            var text = new StringBuilder(random.Next(8) == 0 ? "-" : "");
            for (int d = 0; d < digits; d++)
            {
                if (d == point && d > 0)
                {
                    text.Append('.');
                }

                text.Append((char)('0' + random.Next(10)));
            }

            string s = text.ToString();
            Assert.True(
                BitConverter.DoubleToInt64Bits(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(BybitJson.ParseDouble(Encoding.UTF8.GetBytes(s))),
                s);
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("")]
    public void WhatTheGeneralParserRefusesIsRefused(string text) =>
        Assert.Throws<FormatException>(() => BybitJson.ParseDouble(Encoding.UTF8.GetBytes(text)));
}
