using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace HazardPortal.Web.Infrastructure;

/// <summary>
/// Shedding load instead of collapsing: at most <see cref="AdmissionOptions.MaxConcurrent"/> requests are worked on
/// at once and <see cref="AdmissionOptions.QueueLimit"/> more wait their turn; past that a request is answered at
/// once with 503, a <c>Retry-After</c> and a Chinese message, and costs nothing more. The health check, the sign-in
/// (page, form and token) and the circuits' own connections (<c>/_blazor</c>, static files) are never shed: a
/// portal under a burst still says it is alive and still lets people in. Settings: <c>Admission:*</c>.
/// </summary>
public static class Admission
{
    public sealed class AdmissionOptions
    {
        public int MaxConcurrent { get; set; } = 64;

        /// <summary>
        /// Of which writes (any method but GET and HEAD) at most this many: a write holds its pooled connection until it
        /// commits, and a synchronous commit waits for the standby — with every connection of the pool held by writes,
        /// a read could not even check who is asking. Kept below the pool (40 on a cluster node, 60 alone).
        /// </summary>
        public int MaxConcurrentWrites { get; set; } = 24;

        public int QueueLimit { get; set; } = 64;

        public int RetryAfterSeconds { get; set; } = 5;
    }

    public static IServiceCollection AddAdmissionControl(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Admission").Get<AdmissionOptions>() ?? new AdmissionOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.GlobalLimiter = Limiter(options);
            limiter.OnRejected = (context, ct) => new ValueTask(RetryLater.WriteAsync(
                context.HttpContext, options.RetryAfterSeconds, $"系统繁忙，请{options.RetryAfterSeconds}秒后再试（您填写的内容不会丢失）", "系统繁忙，请稍候", ct));
        });
    }

    /// <summary>
    /// Two doors: every request but the exempt ones through the first (<see cref="AdmissionOptions.MaxConcurrent"/>), and
    /// writes also through their own, narrower one (<see cref="AdmissionOptions.MaxConcurrentWrites"/>), so that reads
    /// always find connections left in the pool.
    /// </summary>
    public static PartitionedRateLimiter<HttpContext> Limiter(AdmissionOptions options)
    {
        var all = new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrent, QueueLimit = options.QueueLimit, QueueProcessingOrder = QueueProcessingOrder.OldestFirst };
        var writes = new ConcurrencyLimiterOptions { PermitLimit = Math.Min(options.MaxConcurrentWrites, options.MaxConcurrent), QueueLimit = options.QueueLimit, QueueProcessingOrder = QueueProcessingOrder.OldestFirst };
        // The writes' door first: a write waiting there must not hold a place at the common door meanwhile (a chain
        // holds what it acquired while it waits for the next), or waiting writes would fill it and keep the reads out.
        return PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => Exempt(context.Request.Path) || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : RateLimitPartition.GetConcurrencyLimiter("writes", _ => writes)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => Exempt(context.Request.Path)
                ? RateLimitPartition.GetNoLimiter("exempt")
                : RateLimitPartition.GetConcurrencyLimiter("portal", _ => all)));
    }

    private static bool Exempt(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/account/login") || path.StartsWithSegments("/api/v1/auth/token")
        || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || (!path.StartsWithSegments("/api") && Path.HasExtension(path.Value));
}
