using Microsoft.AspNetCore.Http;

namespace MarketMaking.Dashboard;

/// <summary>
/// Pause, resume and kill from a page: refused without the session's action token, and for a
/// finished session; applied to every session the page stands for (one instrument, or the whole
/// portfolio from its tab).
/// </summary>
internal static class DashboardActions
{
    public static async Task ApplyAsync(HttpContext context, string token, IReadOnlyList<ISessionFeed> feeds, string action)
    {
        context.Response.ContentType = "application/json";
        if (!ActionToken.Matches(token, context.Request.Headers[ActionToken.Header].FirstOrDefault()))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync(DashboardJson.Serialize(new { Ok = false, Message = "refused: the action token (printed by mm trade at start) is missing or wrong" })).ConfigureAwait(false);
            return;
        }

        ISessionFeed[] live = [.. feeds.Where(f => f.IsLive)];
        if (live.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            await context.Response.WriteAsync(DashboardJson.Serialize(new { Ok = false, Message = feeds.Count == 1 ? "a finished session: nothing to act on" : "finished sessions: nothing to act on" })).ConfigureAwait(false);
            return;
        }

        string message;
        switch (action)
        {
            case "pause":
                Array.ForEach(live, f => f.PauseQuoting());
                message = "quoting paused: every order is being cancelled";
                break;
            case "resume":
                Array.ForEach(live, f => f.ResumeQuoting());
                message = "quoting resumed";
                break;
            default:
                Array.ForEach(live, f => f.Kill("operator: kill from the dashboard"));
                message = live.Length == 1
                    ? "kill switch tripped: every order is being cancelled and the session ends"
                    : $"kill switch tripped on all {live.Length} instruments: every order is being cancelled and the sessions end";
                break;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsync(DashboardJson.Serialize(new { Ok = true, Message = message })).ConfigureAwait(false);
    }
}
