using System.Text;
using MarketMaking.Data.Text;

namespace MarketMaking.Data.Tests.Text;

public class DecimalTextTests
{
    [Theory]
    [InlineData("61800.20", 6180020, 2)]
    [InlineData("0.000", 0, 3)]
    [InlineData("-0.5", -5, 1)]
    [InlineData("+12", 12, 0)]
    [InlineData("1e-7", 1, 7)]
    [InlineData("2.5E+3", 2500, 0)]
    [InlineData("8531.5", 85315, 1)]
    public void ParsesMantissaAndDecimalsExactly(string text, long mantissa, int decimals)
    {
        Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out long m, out int d));
        Assert.Equal((mantissa, decimals), (m, d));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("12x")]
    [InlineData("1e")]
    [InlineData("1234567890123456789012")]
    public void RejectsWhatIsNotADecimal(string text) =>
        Assert.False(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));

    [Fact]
    public void NineteenDigitNanosecondTimesParse()
    {
        Assert.True(DecimalText.TryParseInteger("1723161255030314667"u8, out long ns));
        Assert.Equal(1_723_161_255_030_314_667, ns);
        Assert.False(DecimalText.TryParseInteger("9999999999999999999"u8, out _));
    }

    [Theory]
    [InlineData(0.1, "61800.20", 618002)]
    [InlineData(0.01, "61800.2", 6180020)]
    [InlineData(0.5, "6421.5", 12843)]
    [InlineData(0.0001, "1.9531", 19531)]
    [InlineData(1.0, "6203", 6203)]
    [InlineData(0.001, "0.000", 0)]
    public void GridsConvertDecimalTextToWholeSteps(double step, string text, long units)
    {
        DecimalGrid grid = DecimalGrid.FromStep(step);
        Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out long m, out int d));
        Assert.True(grid.TryToUnits(m, d, out long u));
        Assert.Equal(units, u);
    }

    [Theory]
    [InlineData(0.1, "61800.25")]
    [InlineData(0.5, "6421.2")]
    [InlineData(1.0, "0.5")]
    public void PricesBetweenStepsAreOffTheGrid(double step, string text)
    {
        DecimalGrid grid = DecimalGrid.FromStep(step);
        Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out long m, out int d));
        Assert.False(grid.TryToUnits(m, d, out _));
    }

    [Fact]
    public void InferredStepsArePowersOfTenThatRoundTrip()
    {
        Assert.Equal(0.01, DecimalGrid.PowerOfTenStep(2));
        Assert.Equal(0.0001, DecimalGrid.PowerOfTenStep(4));
        Assert.Equal(1.0, DecimalGrid.PowerOfTenStep(0));
        Assert.Equal(new DecimalGrid(1, 7), DecimalGrid.FromStep(DecimalGrid.PowerOfTenStep(7)));
    }
}
