using HazardPortal.Core.Data;

namespace HazardPortal.UnitTests;

/// <summary>Which node serves the dashboard's reads (issue #18 §2): a standby no further behind than the bound; never the primary through the read source.</summary>
public class ReadReplicaRuleTests
{
    [Theory]
    [InlineData(true, 0, 5, true)]
    [InlineData(true, 5, 5, true)]
    [InlineData(true, 5.01, 5, false)]
    [InlineData(true, 1e9, 5, false)]
    [InlineData(false, 0, 5, false)]
    public void A_standby_serves_the_reads_only_within_the_lag_bound(bool inRecovery, double lag, double bound, bool serves) =>
        Assert.Equal(serves, ReadReplica.Serves(inRecovery, lag, bound));
}

/// <summary>Which failures of a read on the standby are read again on the primary: the standby's going, not the read's own fault.</summary>
public class StandbyWentAwayTests
{
    [Theory]
    [InlineData("57P01", true)] // terminating connection due to administrator command (pg_autoctl stop, fast shutdown)
    [InlineData("57P02", true)] // crash shutdown
    [InlineData("57P03", true)] // the database system is shutting down / starting up
    [InlineData("08006", true)] // connection failure
    [InlineData("40001", true)] // canceling statement due to conflict with recovery
    [InlineData("57P04", true)] // the database is being dropped
    [InlineData("57014", false)] // a statement timeout: as slow on the primary
    [InlineData("42P01", false)] // undefined table: a bug, not the standby
    [InlineData("22012", false)] // division by zero
    [InlineData("42501", false)] // insufficient privilege (row security, grants)
    public void Server_errors_by_class(string sqlState, bool wentAway) =>
        Assert.Equal(wentAway, ReadReplica.StandbyWentAway(new Npgsql.PostgresException("x", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void A_broken_connection_is_the_standby_going() =>
        Assert.True(ReadReplica.StandbyWentAway(new Npgsql.NpgsqlException("Exception while reading from stream", new System.IO.EndOfStreamException())));

    [Fact]
    public void A_wrapped_server_error_is_found_inside() =>
        Assert.True(ReadReplica.StandbyWentAway(new InvalidOperationException("query failed", new Npgsql.PostgresException("x", "FATAL", "FATAL", "57P01"))));

    [Fact]
    public void A_command_timeout_is_not() =>
        Assert.False(ReadReplica.StandbyWentAway(new Npgsql.NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"))));

    [Fact]
    public void The_read_s_own_failures_are_not() =>
        Assert.False(ReadReplica.StandbyWentAway(new InvalidOperationException("Sequence contains no elements")));
}
