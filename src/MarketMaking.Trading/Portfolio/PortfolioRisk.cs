using MarketMaking.Core.Errors;
using MarketMaking.Core.Risk;
using MarketMaking.Signals.Volatility;

namespace MarketMaking.Trading.Portfolio;

/// <summary>
/// The portfolio limits of a multi-instrument run (<see cref="PortfolioRiskLimits"/>: per
/// instrument |q·P|, net |Σ q·P| and gross Σ |q·P|, in the quote currency) over every instrument's
/// position and mid as its session last marked them. Each session's risk gate asks its
/// <see cref="PortfolioSeat"/> about each order, so a quote that would break a limit is never sent.
/// Each instrument's σ_t for the dynamic limits is an <see cref="EwmaVolatility"/> of the mids its
/// session marks.
/// The sessions run concurrently: every read and write is under one lock. An order is checked with
/// every other instrument at its own worst case (its position as if all its open orders on one side
/// filled: all long, all short, or each the larger in size), so two instruments cannot each take the
/// room the other's open orders may already use; an order allowed raises its instrument's worst case
/// at once, and the session's next mark sets it again from the orders still open.
/// </summary>
public sealed class PortfolioRisk
{
    private readonly Lock _lock = new();
    private readonly double[] _positions;
    private readonly double[] _longest;  // position + every open buy
    private readonly double[] _shortest; // position − every open sell
    private readonly double[] _mids;
    private readonly double[] _volatilities;
    private readonly EwmaVolatility[] _ewma;

    // Scratch for a check (under the lock): no allocation per order.
    private readonly double[] _worstPositions;
    private readonly double[] _worstMids;
    private readonly PortfolioSeat[] _seats;

    /// <param name="symbols">The instruments, in order.</param>
    /// <param name="limits">Their limits; <see cref="PortfolioRiskLimits.Instruments"/> holds one per symbol, or none (no per-instrument limit).</param>
    public PortfolioRisk(IReadOnlyList<string> symbols, PortfolioRiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.Instruments.Count == 0)
        {
            limits = limits with { Instruments = [.. symbols.Select(_ => new InstrumentExposureLimit(double.PositiveInfinity))] };
        }

        if (limits.Instruments.Count != symbols.Count)
        {
            throw new InvalidParameterException("portfolio_risk.instruments", $"needs one limit per symbol ({symbols.Count}), got {limits.Instruments.Count}");
        }

        Limits = limits.Validate();
        Symbols = [.. symbols];
        int n = symbols.Count;
        _positions = new double[n];
        _longest = new double[n];
        _shortest = new double[n];
        _mids = [.. Enumerable.Repeat(double.NaN, n)];
        _volatilities = [.. Enumerable.Repeat(double.NaN, n)];
        _ewma = [.. Enumerable.Range(0, n).Select(_ => new EwmaVolatility(Limits.VolatilityHalfLife))];
        _worstPositions = new double[n];
        _worstMids = new double[n];
        _seats = [.. Enumerable.Range(0, n).Select(i => new PortfolioSeat(this, i))];
    }

    public IReadOnlyList<string> Symbols { get; }

    public PortfolioRiskLimits Limits { get; }

    /// <summary>Orders the portfolio limits refused, all instruments together.</summary>
    public long Refusals { get; private set; }

    /// <summary>Instrument <paramref name="instrument"/>'s seat, for its session's risk gate.</summary>
    public PortfolioSeat Seat(int instrument) => _seats[instrument];

    /// <summary>The portfolio as last marked: each instrument's exposure and limit, net and gross with theirs.</summary>
    public PortfolioState State()
    {
        lock (_lock)
        {
            var instruments = new List<PortfolioInstrumentState>(Symbols.Count);
            double net = 0, gross = 0, portfolioScale = 1;
            for (int i = 0; i < Symbols.Count; i++)
            {
                double exposure = Exposure(_positions[i], _mids[i]);
                double scale = Limits.Scale(i, _volatilities[i]);
                instruments.Add(new PortfolioInstrumentState(Symbols[i], _positions[i], _mids[i], exposure, Limits.Instruments[i].MaxExposure * scale));
                net += exposure;
                gross += Math.Abs(exposure);
                portfolioScale = Math.Min(portfolioScale, scale);
            }

            return new PortfolioState(instruments, net, gross, Limits.MaxNetExposure * portfolioScale, Limits.MaxGrossNotional * portfolioScale, Refusals);
        }
    }

    internal void Mark(int instrument, double position, double mid, double time, double openBuys, double openSells)
    {
        lock (_lock)
        {
            _positions[instrument] = position;
            _longest[instrument] = position + openBuys;
            _shortest[instrument] = position - openSells;
            if (double.IsFinite(mid))
            {
                _mids[instrument] = mid;
            }

            EwmaVolatility volatility = _ewma[instrument];
            volatility.Update((long)Math.Round(time * 1e9), mid);
            _volatilities[instrument] = volatility.Value;
        }
    }

    internal bool Allows(int instrument, double position, double worstCase, double mid)
    {
        if (Math.Abs(worstCase) <= Math.Abs(position))
        {
            return true;
        }

        lock (_lock)
        {
            for (int i = 0; i < _positions.Length; i++)
            {
                // An instrument not yet priced has no exposure to count.
                _worstMids[i] = double.IsFinite(_mids[i]) ? _mids[i] : 0;
            }

            _worstMids[instrument] = mid;
            bool allowed = true;
            for (int scenario = 0; scenario < 3 && allowed; scenario++)
            {
                for (int i = 0; i < _positions.Length; i++)
                {
                    _worstPositions[i] = scenario switch
                    {
                        0 => _longest[i],
                        1 => _shortest[i],
                        _ => Math.Abs(_longest[i]) >= Math.Abs(_shortest[i]) ? _longest[i] : _shortest[i],
                    };
                }

                _worstPositions[instrument] = worstCase;
                allowed = Limits.Check(_worstPositions, _worstMids, _volatilities, instrument).Breach == PortfolioBreach.None;
            }

            if (!allowed)
            {
                Refusals++;
            }
            else if (worstCase > position)
            {
                _longest[instrument] = Math.Max(_longest[instrument], worstCase);
            }
            else
            {
                _shortest[instrument] = Math.Min(_shortest[instrument], worstCase);
            }

            return allowed;
        }
    }

    private static double Exposure(double position, double mid) => double.IsFinite(mid) ? position * mid : 0;
}
