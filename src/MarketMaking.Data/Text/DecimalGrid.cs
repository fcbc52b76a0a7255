using System.Globalization;
using System.Text;

namespace MarketMaking.Data.Text;

/// <summary>
/// A price or quantity grid held exactly as step = <see cref="Mantissa"/> · 10^-<see cref="Decimals"/>
/// (0.1 is 1·10^-1, 0.5 is 5·10^-1), so converting decimal text to ticks is integer arithmetic.
/// </summary>
internal readonly record struct DecimalGrid(long Mantissa, int Decimals)
{
    /// <summary>The grid of a step given as a double (0.1 → 1·10^-1), through its shortest round-trip text.</summary>
    public static DecimalGrid FromStep(double step)
    {
        byte[] text = Encoding.ASCII.GetBytes(step.ToString("R", CultureInfo.InvariantCulture));
        if (!DecimalText.TryParse(text, out long mantissa, out int decimals) || mantissa <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "a grid step must be a positive number");
        }

        while (decimals > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            decimals--;
        }

        return new DecimalGrid(mantissa, decimals);
    }

    /// <summary>The step 10^-decimals as a double (the nearest double to the decimal, via text).</summary>
    public static double PowerOfTenStep(int decimals) =>
        double.Parse($"1e-{decimals}", NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Whole steps in mantissa · 10^-decimals; false when it is between steps or out of range.</summary>
    public bool TryToUnits(long mantissa, int decimals, out long units)
    {
        ReadOnlySpan<long> pow = DecimalText.PowersOfTen;
        long value;
        if (decimals <= Decimals)
        {
            int shift = Decimals - decimals;
            if (shift >= pow.Length || Math.Abs(mantissa) > long.MaxValue / pow[shift])
            {
                units = 0;
                return false;
            }

            value = mantissa * pow[shift];
        }
        else
        {
            int shift = decimals - Decimals;
            if (shift >= pow.Length)
            {
                units = 0;
                return mantissa == 0;
            }

            value = Math.DivRem(mantissa, pow[shift], out long dropped);
            if (dropped != 0)
            {
                units = 0;
                return false;
            }
        }

        if (Mantissa == 1)
        {
            units = value;
            return true;
        }

        units = Math.DivRem(value, Mantissa, out long remainder);
        return remainder == 0;
    }

    public override string ToString() =>
        (Mantissa / (decimal)DecimalText.PowersOfTen[Decimals]).ToString(CultureInfo.InvariantCulture);
}
