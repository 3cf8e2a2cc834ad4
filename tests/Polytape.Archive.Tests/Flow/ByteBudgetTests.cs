using Polytape.Archive.Flow;

namespace Polytape.Archive.Tests.Flow;

public sealed class ByteBudgetTests
{
    [Fact]
    public async Task Requests_that_fit_pass_at_once_and_a_full_budget_makes_the_next_wait_until_bytes_are_released()
    {
        var budget = new ByteBudget(100);
        Assert.True(budget.AcquireAsync(60).AsTask().IsCompletedSuccessfully);
        Assert.True(budget.AcquireAsync(40).AsTask().IsCompletedSuccessfully);
        Assert.Equal(100, budget.Held);

        var waiting = budget.AcquireAsync(30).AsTask();
        Assert.False(waiting.IsCompleted);

        budget.Release(20);
        Assert.False(waiting.IsCompleted); // 80 + 30 still exceeds 100
        budget.Release(40);
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(70, budget.Held);
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order_so_a_large_request_is_not_overtaken_forever()
    {
        var budget = new ByteBudget(100);
        await budget.AcquireAsync(90);
        var large = budget.AcquireAsync(80).AsTask();
        var small = budget.AcquireAsync(5).AsTask(); // would fit now, but queues behind the large one
        Assert.False(small.IsCompleted);

        budget.Release(90);
        await large.WaitAsync(TimeSpan.FromSeconds(30));
        await small.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(85, budget.Held);
    }

    [Fact]
    public async Task A_request_above_the_whole_budget_passes_when_nothing_else_is_held()
    {
        var budget = new ByteBudget(100);
        await budget.AcquireAsync(10);
        var outsized = budget.AcquireAsync(500).AsTask();
        Assert.False(outsized.IsCompleted);

        budget.Release(10);
        await outsized.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(500, budget.Held);
    }

    [Fact]
    public async Task A_cancelled_waiter_takes_nothing_and_lets_those_behind_it_through()
    {
        var budget = new ByteBudget(100);
        await budget.AcquireAsync(100);
        using var cancel = new CancellationTokenSource();
        var cancelled = budget.AcquireAsync(100, cancel.Token).AsTask();
        var behind = budget.AcquireAsync(10).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromSeconds(30)));
        budget.Release(50);
        await behind.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(60, budget.Held);
    }
}
