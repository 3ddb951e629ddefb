using HazardPortal.Core.Identity;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// Serilog through Serilog.AspNetCore: levels and overrides from configuration ("Serilog"), console
/// for people, compact JSON lines in a daily rolling file for machines ("Logging:File"), and one
/// line per HTTP request enriched with the user, the user's unit code and the trace id.
/// </summary>
public static class Logging
{
    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        var file = builder.Configuration["Logging:File"] ?? "logs/portal-.json";

        // The host's own logger, not Serilog's static one: two hosts in one process (the tests' two nodes)
        // each write their own file, and the request log below uses this logger explicitly.
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new CompactJsonFormatter(), file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30)
            .CreateLogger();
        builder.Services.AddSingleton<Serilog.ILogger>(logger);
        builder.Services.AddSerilog(logger, dispose: true);
    }

    /// <summary>
    /// One structured line per request (Serilog's request logging): method, path, the status the client received, elapsed,
    /// user, unit, trace id; 5xx as errors, a client gone (499) as information.
    /// </summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms for {UserName}";
            options.GetLevel = (context, _, error) =>
                context.Response.StatusCode == ClientGone.Status ? LogEventLevel.Information
                : error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/_blazor") || context.Request.Path.StartsWithSegments("/_content") || context.Request.Path.StartsWithSegments("/_framework") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("UserName", context.User.Identity?.Name ?? "anonymous");
                diagnostics.Set("UnitCode", context.User.FindFirst(PortalClaims.JurisdictionCode)?.Value ?? "");
                diagnostics.Set("TraceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            };
        });
}
