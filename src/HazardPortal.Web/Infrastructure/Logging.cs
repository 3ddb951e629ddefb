using System.Diagnostics;
using Serilog;
using Serilog.Formatting.Json;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// Serilog wired through Microsoft.Extensions.Logging (Serilog.AspNetCore is not served here):
/// console for people, JSON lines in a rolling file for machines, and one line per HTTP request.
/// </summary>
public static class Logging
{
    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        var file = builder.Configuration["Logging:File"] ?? "logs/portal-.json";
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.File(new JsonFormatter(renderMessage: true), file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30)
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }

    /// <summary>One structured line per request: method, path, status, elapsed, user.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next();
            }
            finally
            {
                if (!context.Request.Path.StartsWithSegments("/_blazor") && !context.Request.Path.StartsWithSegments("/_content"))
                {
                    var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HazardPortal.Requests");
                    logger.LogInformation(
                        "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms for {User}",
                        context.Request.Method,
                        context.Request.Path.Value,
                        context.Response.StatusCode,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                        context.User.Identity?.Name ?? "anonymous");
                }
            }
        });
}
