using Microsoft.Playwright;

namespace MarketMaking.Cli.Tests;

public sealed class ReportBrowserTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mm-browser-").FullName;

    /// <summary>
    /// A backtest report opened offline in headless Chromium: every chart is laid out with a real
    /// size and has drawn paths, no script errors, and a full-page PNG is saved beside the tests.
    /// </summary>
    [ChromiumFact]
    public async Task ChartsRenderInHeadlessChromium()
    {
        string run = Path.Combine(_folder, "run");
        var (code, _, error) = Mm.Run("simulate", "--strategy", "as,glft", "--sims", "200", "--out", run);
        Assert.Equal(0, code);
        Assert.Empty(error);

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFactAttribute.Executable, Headless = true, Args = ["--no-sandbox"] });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var problems = new List<string>();
        page.PageError += (_, message) => problems.Add(message);
        page.RequestFailed += (_, request) => problems.Add($"request {request.Url}");
        await page.GotoAsync(new Uri(Path.Combine(run, "report.html")).AbsoluteUri);

        int charts = await page.Locator("figure.chart > svg").CountAsync();
        Assert.True(charts >= 6, $"{charts} charts");
        double[] widths = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('figure.chart > svg')].map(s => s.getBoundingClientRect().width)");
        Assert.All(widths, w => Assert.True(w > 200, $"a chart {w} px wide"));
        // Inside each chart's plot (the nested svg), the series must have drawn something with a size.
        int[] drawn = await page.EvaluateAsync<int[]>(
            "() => [...document.querySelectorAll('figure.chart > svg')].map(s => [...s.querySelectorAll('svg path, svg rect, svg polyline')].filter(e => e.getBBox().width > 0 || e.getBBox().height > 0).length)");
        Assert.All(drawn, n => Assert.True(n >= 3, $"a chart with {n} drawn elements"));
        Assert.Empty(problems);

        string png = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = png, FullPage = true });
        Assert.True(new FileInfo(png).Length > 20_000);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
