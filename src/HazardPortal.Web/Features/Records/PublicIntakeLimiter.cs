using System.Net;
using System.Threading.RateLimiting;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// Per-address limits for the public doors: filing reports (default 5 in 10 minutes) and looking up
/// query codes (60 a minute). Both the API and the public page go through it, so both are limited.
/// </summary>
public sealed class PublicIntakeLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> filing;
    private readonly PartitionedRateLimiter<string> lookups;

    public PublicIntakeLimiter(IConfiguration configuration)
    {
        var permits = configuration.GetValue("PublicReports:PermitLimit", 5);
        var window = TimeSpan.FromMinutes(configuration.GetValue("PublicReports:WindowMinutes", 10));
        filing = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
        lookups = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public bool TryFile(IPAddress? address) => Acquire(filing, address);

    public bool TryLookup(IPAddress? address) => Acquire(lookups, address);

    public void Dispose()
    {
        filing.Dispose();
        lookups.Dispose();
    }

    private static bool Acquire(PartitionedRateLimiter<string> limiter, IPAddress? address)
    {
        using var lease = limiter.AttemptAcquire(address?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }
}
