using System.Globalization;
using MarketMaking.Core.Errors;
using MarketMaking.Core.Instruments;
using MarketMaking.Core.MarketData;
using MarketMaking.Data.Files;
using MarketMaking.Research.Replay;
using MarketMaking.Simulation.Arbitrage;

namespace MarketMaking.Research.Arbitrage;

/// <summary>
/// The arbitrage scan of files of one asset that share a clock (<see cref="ArbitrageScanner"/> over
/// their merged replay): every file a venue with its taker fee, an inverse file's contracts counted in
/// coins; optionally every episode taken (<see cref="ArbitrageTaker"/>). What
/// <c>mm backtest --data F1 --data F2 … --arbitrage [--take-arbitrage]</c> runs.
/// </summary>
public static class ArbitrageReplay
{
    /// <summary>
    /// Scans <paramref name="files"/> (path, format); <paramref name="takerFees"/> one per file (null: the
    /// data's). <paramref name="takeSize"/>: take every episode up to this many coins (null: only detect),
    /// each leg delayed by <paramref name="latency"/> drawn with <paramref name="seed"/>.
    /// </summary>
    public static ArbitrageSummary Run(
        IReadOnlyList<(string Path, string Format)> files, IReadOnlyList<double?> takerFees, LatencySpec latency, int seed, double? takeSize, BadRowPolicy onBadRow = BadRowPolicy.Stop)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(takerFees);
        ArgumentNullException.ThrowIfNull(latency);
        if (files.Count < 2)
        {
            throw new InvalidParameterException("data", "an arbitrage scan needs at least two --data files of the same asset");
        }

        if (takerFees.Count != files.Count)
        {
            throw new ArgumentException("one taker fee per file", nameof(takerFees));
        }

        if (latency.Recorded)
        {
            throw new InvalidParameterException("latency", "the arbitrage legs take a constant or lognormal latency, not 'recorded'");
        }

        foreach ((string _, string format) in files)
        {
            MarketDataFormats.Parse(format);
        }

        var sources = new List<MarketDataReader>(files.Count);
        try
        {
            foreach ((string path, string format) in files)
            {
                sources.Add(MarketDataFormats.Open(path, format, new MarketDataOptions { OnBadRow = onBadRow }));
            }
        }
        catch
        {
            sources.ForEach(s => s.Dispose());
            throw;
        }

        ArbitrageVenue[] venues = [.. sources.Select((s, i) => Venue(s, takerFees[i]))];
        string[] names = [.. sources.Select((s, i) => $"{s.Instrument.Symbol} ({files[i].Format})")];
        ArbitrageTaker? taker = takeSize is { } size ? new ArbitrageTaker(venues, latency.Create(seed, []), InvalidParameterException.RequirePositive("arbitrage-size", size)) : null;
        using var merged = new MergedMarketEvents([.. sources]);
        var scanner = new ArbitrageScanner(merged, venues, taker);
        scanner.Run();
        double window = (scanner.LastTime - scanner.FirstTime) / 1e9;
        var pairs = new List<ArbitragePairSummary>();
        for (int sell = 0; sell < venues.Length; sell++)
        {
            for (int buy = 0; buy < venues.Length; buy++)
            {
                if (sell != buy)
                {
                    pairs.Add(ArbitragePairSummary.From(names[sell], names[buy], [.. scanner.Episodes.Where(e => e.SellVenue == sell && e.BuyVenue == buy)], window));
                }
            }
        }

        return new ArbitrageSummary
        {
            Venues = names,
            TakerFees = [.. venues.Select(v => v.TakerFee)],
            Events = scanner.Events,
            WindowSeconds = window,
            Pairs = pairs,
            Taken = taker is null ? null : ArbitrageTakeSummary.From(taker, [.. venues.Select((_, i) => scanner.Mid(i))]),
            Episodes = [.. scanner.Episodes],
        };
    }

    /// <summary>The file's instrument with <paramref name="takerFee"/> (else its own), a COIN-M file's face value.</summary>
    private static ArbitrageVenue Venue(MarketDataReader reader, double? takerFee)
    {
        Instrument read = reader.Instrument;
        var instrument = new Instrument(read.Symbol, read.TickSize, read.LotSize, read.MakerFeeRate, takerFee ?? read.TakerFeeRate);
        return new ArbitrageVenue(instrument, reader is BinanceCoinMReader coinM ? coinM.Contract.FaceValue : 0);
    }

    /// <summary>The venues and fees in one line, for the report's settings.</summary>
    public static string Describe(ArbitrageSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return string.Join("; ", summary.Venues.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{v} taker fee {summary.TakerFees[i]}")));
    }
}
