using MarketMaking.Core.Errors;
using MarketMaking.Data.Files;
using MarketMaking.Research.Replay;
using MarketMaking.Simulation.Exchange;

namespace MarketMaking.Research.Tests.Replay;

public sealed class ReplaySetupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-replay-setup-").FullName;

    [Fact]
    public void QueueModelsAreBuiltFromTheirSettings()
    {
        Assert.IsType<RiskAverseQueueModel>(QueueModelSpec.RiskAverse.Create());
        Assert.Equal("power(3)", ((ProbabilisticQueueModel)QueueModelSpec.Power(3).Create()).Name);
        Assert.Equal("log", ((ProbabilisticQueueModel)QueueModelSpec.Log.Create()).Name);
        Assert.Equal(["risk-averse", "power", "log"], new[] { QueueModelSpec.RiskAverse, QueueModelSpec.Power(3), QueueModelSpec.Log }.Select(q => q.Name));
        Assert.Equal("queue_power", Assert.Throws<InvalidParameterException>(() => QueueModelSpec.Power(0).Create()).Parameter);
    }

    [Fact]
    public void ConstantLatencyDelaysEntriesAndCancelsByTheirOwnAmounts()
    {
        ILatencyModel latency = LatencySpec.Constant(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(2)).Create(1, []);
        Assert.Equal(5_000_000, latency.OrderEntry());
        Assert.Equal(2_000_000, latency.Cancel());

        // Without a cancel latency, cancels take as long as entries.
        ILatencyModel same = LatencySpec.Constant(TimeSpan.FromMilliseconds(5)).Create(1, []);
        Assert.Equal(5_000_000, same.Cancel());
        Assert.Equal("5ms entry, 5ms cancel", LatencySpec.Constant(TimeSpan.FromMilliseconds(5)).Describe([]));
        Assert.Equal("0ms entry, 0ms cancel", LatencySpec.None.Describe([]));
    }

    [Fact]
    public void JitteredLatencyIsLognormalAndSeeded()
    {
        var spec = new LatencySpec { Entry = TimeSpan.FromMilliseconds(5), Jitter = 0.5 };
        ILatencyModel a = spec.Create(7, []), b = spec.Create(7, []);
        Assert.IsType<LognormalLatency>(a);
        long[] drawsA = [.. Enumerable.Range(0, 1001).Select(_ => a.OrderEntry())], drawsB = [.. Enumerable.Range(0, 1001).Select(_ => b.OrderEntry())];
        Assert.Equal(drawsA, drawsB);   // same seed, same draws
        Assert.True(drawsA.Distinct().Count() > 900, "lognormal draws differ");

        // The median of a lognormal is its median parameter: 5 ms within 10% on 1,001 draws.
        Assert.InRange(drawsA.Order().ElementAt(500), 4_500_000, 5_500_000);
        Assert.Equal("5ms entry, 5ms cancel, lognormal log-std 0.5", spec.Describe([]));
    }

    [Fact]
    public void RecordedLatencyDrawsOnlyTheRecordedDelays()
    {
        long[] recorded = [100, 200, 300];
        ILatencyModel latency = LatencySpec.FromRecording.Create(3, recorded);
        Assert.All(Enumerable.Range(0, 100).Select(_ => latency.OrderEntry()), d => Assert.Contains(d, recorded));
        Assert.Equal("recorded: 3 receive delays of the data above the fastest, median 0.0002 ms", LatencySpec.FromRecording.Describe(recorded));
    }

    [Theory]
    [InlineData("latency-jitter")]
    [InlineData("requote-interval")]
    [InlineData("calibrate")]
    public void OutOfRangeSettingsNameTheOptionTheyCameFrom(string parameter)
    {
        ReplaySetup setup = parameter switch
        {
            "latency-jitter" => new ReplaySetup { Latency = new LatencySpec { Jitter = -1 } },
            "requote-interval" => new ReplaySetup { RequoteInterval = TimeSpan.FromSeconds(-1) },
            _ => new ReplaySetup { CalibrationWindow = TimeSpan.FromSeconds(-1) },
        };
        Assert.Equal(parameter, Assert.Throws<InvalidParameterException>(() => setup.Validate()).Parameter);
    }

    [Fact]
    public void ASessionWithoutCalibrationUsesTheGivenOrDefaultParametersAndDescribesItsExecution()
    {
        string file = Path.Combine(_folder, "trades.txt");
        File.WriteAllLines(file,
        [
            """1723161255088176367 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":1,"p":"61800.30","q":"0.002","X":"MARKET","m":false}}""",
            """1723161255088176368 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161256322,"T":1723161256322,"s":"BTCUSDT","t":2,"p":"61800.40","q":"0.002","X":"MARKET","m":false}}""",
        ]);
        var options = new MarketDataOptions { TickSize = 0.1, LotSize = 0.001 };
        var setup = new ReplaySetup { CalibrationWindow = TimeSpan.Zero, Latency = LatencySpec.Constant(TimeSpan.FromMilliseconds(5)), RequoteInterval = TimeSpan.FromMilliseconds(250), QueueModel = QueueModelSpec.Log };
        ReplaySession session = ReplaySession.Open(setup, () => MarketDataFormats.Open(file, "binance-usdm", options));

        Assert.Null(session.Calibration);
        Assert.Equal(0.001, session.DataInstrument.LotSize);
        Assert.Equal((2.0, 140.0, 1.5, 0.001), session.Baseline() is var b ? (b.Sigma, b.A, b.Kappa, b.OrderQuantity) : default);
        Assert.Equal(3.0, session.Baseline(sigma: 3).Sigma);

        // The line says which values quote and where each came from: the model market's defaults are no fit to real data.
        Assert.Equal("none (--calibrate 0s): σ 2 (default), A 140 (default), κ 1.5 (default); give --sigma, --A and --kappa", session.CalibrationText());
        Assert.Equal("none (--calibrate 0s): σ 3 (given), A 140 (default), κ 1.5 (default); give --A and --kappa", session.CalibrationText(sigma: 3));
        Assert.Equal("none (--calibrate 0s): σ 3 (given), A 140 (default), κ 0.8 (given); give --A", session.CalibrationText(sigma: 3, kappa: 0.8));
        Assert.Equal("none (--calibrate 0s): σ 3 (given), A 10 (given), κ 0.8 (given)", session.CalibrationText(3, 10, 0.8));
        Assert.Equal("queue model log; latency 5ms entry, 5ms cancel; requote interval 250ms", session.ExecutionText);
        Assert.Equal(250_000_000, session.Settings.RequoteInterval);
        Assert.Equal(0, session.Settings.StartAfter);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
