using Polytape.Collector.Subscriptions;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Subscriptions;

public sealed class ConnectionOpenPacerTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Opens_AreSpacedByTheInterval_FirstAtOnce()
    {
        var pacer = new ConnectionOpenPacer(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), _clock);
        var first = pacer.WaitTurnAsync(CancellationToken.None).AsTask();
        var second = pacer.WaitTurnAsync(CancellationToken.None).AsTask();
        var third = pacer.WaitTurnAsync(CancellationToken.None).AsTask();
        Assert.True(first.IsCompletedSuccessfully);
        Assert.False(second.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(third.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        await third.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Throttled_PausesEveryOpen_DoublingUntilAnOpenIsAccepted()
    {
        var pacer = new ConnectionOpenPacer(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), _clock);
        await pacer.WaitTurnAsync(CancellationToken.None);
        pacer.OnThrottled(); // pause 1 s
        var next = pacer.WaitTurnAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(next.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(30));

        pacer.OnThrottled(); // pause 2 s, then 3 s (capped)
        pacer.OnThrottled();
        var afterTwo = pacer.WaitTurnAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(2_999));
        Assert.False(afterTwo.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await afterTwo.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, pacer.Throttles);

        pacer.OnAccepted(); // back to 1 s
        pacer.OnThrottled();
        var afterReset = pacer.WaitTurnAsync(CancellationToken.None).AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(1_000));
        await afterReset.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Throttled_WhileWaitingForASlot_ThatWaiterIsPausedToo()
    {
        var pacer = new ConnectionOpenPacer(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8), _clock);
        await pacer.WaitTurnAsync(CancellationToken.None);
        var waiting = pacer.WaitTurnAsync(CancellationToken.None).AsTask(); // its slot is at +500 ms
        pacer.OnThrottled(); // a 429 arrives: nobody opens for 2 s
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1_500));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
