using MarketMaking.Trading.Monitoring;
using Prometheus;

namespace MarketMaking.Dashboard.Tests;

/// <summary>/metrics prints a flat position as 0: a short closed to nothing leaves a decimal negative zero.</summary>
public sealed class MetricsZeroTests
{
    [Fact]
    public async Task AFlatPositionAfterAShortIsZeroNotMinusZero()
    {
        decimal flat = decimal.Negate(0m);
        Assert.True(double.IsNegative((double)flat), "the premise: a negated decimal zero converts to −0.0");

        var metrics = new DashboardMetrics();
        metrics.Update(new NoFeed(), new SessionSnapshot { Position = flat, Cash = flat }, null, 0);
        using var text = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(text);
        PrometheusText.Exposition exposition = PrometheusText.Parse(System.Text.Encoding.UTF8.GetString(text.ToArray()));

        Assert.False(double.IsNegative(exposition.One("mm_position_base_currency")));
        Assert.False(double.IsNegative(exposition.One("mm_cash_quote_currency")));
    }

    private sealed class NoFeed : ISessionFeed
    {
        public bool IsLive => false;

        public SessionInfo? Info => null;

        public SessionSnapshot? Latest => null;

        public DashboardHistory? Recorded => null;

        public long ReadLatencies(long from, ICollection<double> seconds) => from;

        public void PauseQuoting()
        {
        }

        public void ResumeQuoting()
        {
        }

        public void Kill(string reason)
        {
        }
    }
}
