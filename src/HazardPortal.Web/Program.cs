using FluentValidation;
using HazardPortal.Core.Data;
using HazardPortal.Core.Identity;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Components;
using HazardPortal.Web.Features;
using HazardPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalLogging();

// Serve package assets (MudBlazor's CSS and JS under _content/, the framework's blazor.web.js) from
// the build output in every environment, so ./portal run works from a plain build as well as a publish.
builder.WebHost.UseStaticWebAssets();

var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
new DatabaseOptions.Validator().ValidateAndThrow(database);
builder.Services.AddSingleton(Options.Create(database));
builder.Services.AddPortalClock(builder.Configuration, database);
builder.Services.AddSingleton(sp => DatabaseSetup.BuildOptions(database.App, sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton(database);
builder.Services.AddSingleton<ReadReplica>(); // the dashboard's reads on the standby when near enough (Database:Reads)

builder.Services.AddScoped<ScopeAccessor>();
builder.Services.AddScoped<PortalDb>();
builder.Services.AddScoped<AccountStillValid>();
builder.Services.AddScoped<SignInService>();
builder.Services.AddSingleton<UnknownNames>();
builder.Services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
builder.Services.AddValidatorsFromAssemblies([typeof(Program).Assembly, typeof(DatabaseOptions).Assembly], ServiceLifetime.Scoped);

builder.Services.AddPortalAuth();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingStateProvider>();
builder.Services.AddScoped<CircuitHandler, ScopeCircuitHandler>();
builder.Services.AddSingleton<CircuitCount>();
builder.Services.AddScoped<CircuitHandler, CircuitCount.Handler>();
// One key ring in PostgreSQL for every portal process: a cookie or antiforgery token issued by one
// node is accepted by the others (two nodes behind a proxy, or a restart).
builder.Services.AddDbContext<DataProtectionKeyStore>(o => o.UseNpgsql(database.App));
builder.Services.AddDataProtection().PersistKeysToDbContext<DataProtectionKeyStore>().SetApplicationName("HazardPortal");

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices(c =>
{
    c.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
    c.SnackbarConfiguration.VisibleStateDuration = 5000;
    c.SnackbarConfiguration.PreventDuplicates = false;
});
builder.Services.AddPortalCulture();
// Problems the framework writes itself (a query parameter missing or not a date, an unknown route, a wrong method)
// read in Chinese like the portal's own.
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
    c.ProblemDetails.Title = c.ProblemDetails.Status switch
    {
        StatusCodes.Status400BadRequest when c.ProblemDetails.Title is null or "Bad Request" => "请求的参数缺失或格式不正确",
        StatusCodes.Status404NotFound when c.ProblemDetails.Title is null or "Not Found" => "请求的地址不存在",
        StatusCodes.Status405MethodNotAllowed when c.ProblemDetails.Title is null or "Method Not Allowed" => "不支持该请求方法",
        StatusCodes.Status415UnsupportedMediaType when c.ProblemDetails.Title is null or "Unsupported Media Type" => "请求内容的格式不受支持",
        _ => c.ProblemDetails.Title,
    });
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
    o.SerializerOptions.Converters.Add(new NoNulStrings());
    o.SerializerOptions.AllowDuplicateProperties = false; // {"title":"a","title":"b"} is ambiguous: refused, not the last one taken
});
builder.Services.AddExceptionHandler<ClientGone>(); // the client went away: 499, logged as information, not an error
builder.Services.AddExceptionHandler<DatabaseUnavailable>(); // the database out of reach for a moment: 503 with Retry-After, not 500
builder.Services.Configure<ExceptionHandlerOptions>(o =>
    o.StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : DatabaseUnavailable.Is(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError);
// Each body its own named schema: a nested command is named with its feature (RegisterHazardCommand, RisksCommand),
// not the bare "Command" that every feature's command would otherwise share.
// A body type that moved to the shared kernel (#15 §10) keeps the schema name clients already generate code from.
var stableSchemaNames = new Dictionary<Type, string>
{
    [typeof(HazardPortal.Web.Features.Shared.NewHazard)] = "RegisterHazardCommand",
    [typeof(HazardPortal.Web.Features.Shared.HazardBasis)] = "HazardDtoBasisDto",
};
builder.Services.AddOpenApi(o => o.CreateSchemaReferenceId = type =>
    stableSchemaNames.TryGetValue(type.Type, out var stable) ? stable
    : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } outer ? outer.Name + id
    : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type));
builder.Services.AddAdmissionControl(builder.Configuration);
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", customTestQuery: (db, ct) => db.Database.CanConnectAsync(ct));
builder.Services.AddScoped(sp => new AppDbContext(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), AccessScope.None));
builder.Services.AddPortalFeatures();
builder.Services.AddTrustedProxy(builder.Configuration);

var app = builder.Build();

if (database.Setup)
{
    await DatabaseSetup.RunAsync(database, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HazardPortal.Setup"), app.Services.GetRequiredService<TimeProvider>());
}

await using (var scope = app.Services.CreateAsyncScope())
{
    await using var db = scope.ServiceProvider.GetRequiredService<PortalDb>().OpenAs(AccessScope.ActorOnly("startup"));
    if (await db.SecurityPolicies.AsNoTracking().FirstOrDefaultAsync() is { } policy)
    {
        app.Services.GetRequiredService<SessionPolicy>().Apply(policy);
    }
}

app.UseForwardedHeaders(); // believed from Proxy:Trusted only (TrustedProxy)
app.UseRequestLocalization();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

// The request log outside the exception handler: it records what the client received (503, 499), not the exception.
app.UseRequestLogging();
app.UseExceptionHandler();
// The API answers bodiless errors with ProblemDetails; a page address that matches nothing (an unknown
// path, a malformed id) shows the Chinese not-found page.
app.UseWhen(c => IsPageRequest(c.Request.Path), page => page.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseWhen(c => !IsPageRequest(c.Request.Path), api => api.UseStatusCodePages());

// Routing after the status code pages, so that their re-execution finds the not-found page's endpoint.
app.UseRouting();
app.UseRateLimiter();
NoNulStrings.RejectNulInQuery(app);
app.UseAuthentication();
app.UseAccessScope();
app.UseAuthorization();
app.UseAntiforgery();
app.UseCrossSiteGuard();

app.MapStaticAssets();
app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization();
app.MapHealthChecks("/health");
// Liveness for the proxy: the process answers. The database is shared by every node, so a proxy that took the
// database's state for the node's would mark every node down at once (while a synchronous commit waits, reads too).
app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapDiagnostics();
app.MapCircuitCount();
app.MapPortalEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

public partial class Program
{
    private static bool IsPageRequest(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_content")
        && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/openapi")
        && !path.StartsWithSegments("/account");
}
