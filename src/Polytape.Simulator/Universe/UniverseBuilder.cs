using System.Globalization;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Universe;

/// <summary>
/// Builds a seeded venue: standalone binary markets, neg-risk events, and rolling crypto up/down series
/// with their current and next windows listed. Activity is skewed (Zipf-like): a few hot markets, a long
/// quiet tail, as on the real venue.
/// </summary>
public sealed class UniverseBuilder
{
    private static readonly string[][] BinaryTopics =
    [
        ["Politics"], ["Sports", "NBA"], ["Sports", "Soccer"], ["Economy", "Fed"], ["Culture"], ["Tech", "AI"], ["Geopolitics"],
    ];

    private static readonly string[] Candidates =
        ["Alice Moreau", "Ben Okafor", "Chen Wei", "Dana Ruiz", "Emil Novak", "Farah Haddad"];

    private readonly UniverseOptions _options;
    private readonly Random _random;
    private readonly IdFactory _ids;
    private int _rank;

    public UniverseBuilder(UniverseOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _ids = new IdFactory(_random);
    }

    public SimulatorUniverse Build(DateTimeOffset now)
    {
        var universe = new SimulatorUniverse();
        for (var i = 0; i < _options.BinaryMarkets; i++)
        {
            universe.AddEvent(BinaryEvent(i, now));
        }

        for (var i = 0; i < _options.NegRiskEvents; i++)
        {
            universe.AddEvent(NegRiskEvent(i, now));
        }

        foreach (var coin in _options.RollingCoins)
        {
            foreach (var recurrence in _options.Recurrences)
            {
                var series = new SimulatedSeries
                {
                    Id = _ids.GammaEventId(),
                    Slug = RollingSlugs.SeriesSlug(coin, recurrence),
                    Title = $"{coin.ToUpperInvariant()} Up or Down {RollingSlugs.Code(recurrence)}",
                    Recurrence = RollingSlugs.Code(recurrence),
                };
                universe.Series.Add(series);
                var start = RollingSlugs.WindowStart(recurrence, now);
                for (var k = 0; k <= _options.WindowsAhead; k++)
                {
                    AddRollingWindow(universe, series, coin, recurrence, start + (RollingSlugs.Length(recurrence) * k), now);
                }
            }
        }

        return universe;
    }

    /// <summary>Lists one rolling window (as the venue does about a day ahead); returns the new market.</summary>
    public SimulatedMarket AddRollingWindow(SimulatorUniverse universe, SimulatedSeries series, string coin, RollingRecurrence recurrence, DateTimeOffset windowStart, DateTimeOffset now, TimeSpan? hydrationDelay = null)
    {
        var slug = RollingSlugs.Slug(coin, recurrence, windowStart);
        var listed = now < windowStart - TimeSpan.FromDays(1) ? windowStart - TimeSpan.FromDays(1) : now;
        var simulatedEvent = new SimulatedEvent
        {
            Id = _ids.GammaEventId(),
            Slug = slug,
            Title = RollingSlugs.Question(coin, recurrence, windowStart),
            SeriesSlug = series.Slug,
            Tags = ["Crypto", CultureInfo.InvariantCulture.TextInfo.ToTitleCase(coin), "Crypto Prices", "Recurring", "Up or Down", "Hide From New", RollingSlugs.Code(recurrence).ToUpperInvariant()],
            CreatedAt = listed,
            StartDate = listed,
            EndDate = windowStart + RollingSlugs.Length(recurrence),
        };
        var market = new SimulatedMarket(_ids.TokenId(), _ids.TokenId(), "Up", "Down")
        {
            GammaId = _ids.GammaMarketId(),
            ConditionId = _ids.Hex32(),
            QuestionId = _ids.Hex32(),
            Question = simulatedEvent.Title,
            Slug = slug,
            Event = simulatedEvent,
            CreatedAt = listed,
            AcceptingOrdersAt = listed + (hydrationDelay ?? _options.HydrationDelay),
            EventStartTime = windowStart,
            EndDate = simulatedEvent.EndDate,
            Activity = recurrence == RollingRecurrence.FiveMinutes ? 4 : 2,
        };
        simulatedEvent.Markets.Add(market);
        series.Events.Add(simulatedEvent);
        universe.AddEvent(simulatedEvent);
        return market;
    }

    private SimulatedEvent BinaryEvent(int index, DateTimeOffset now)
    {
        var tags = BinaryTopics[index % BinaryTopics.Length];
        var question = $"Will outcome {index + 1} of {tags[^1]} happen by {now.AddDays(30 + (index % 300)):MMMM d}?";
        var simulatedEvent = new SimulatedEvent
        {
            Id = _ids.GammaEventId(),
            Slug = $"{tags[^1].ToLowerInvariant()}-outcome-{index + 1}",
            Title = question,
            Tags = tags,
            CreatedAt = now.AddDays(-10),
            StartDate = now.AddDays(-10),
            EndDate = now.AddDays(30 + (index % 300)),
        };
        simulatedEvent.Markets.Add(Market(simulatedEvent, question, simulatedEvent.Slug, now));
        return simulatedEvent;
    }

    private SimulatedEvent NegRiskEvent(int index, DateTimeOffset now)
    {
        var title = $"Who will win election {index + 1}?";
        var simulatedEvent = new SimulatedEvent
        {
            Id = _ids.GammaEventId(),
            Slug = $"election-{index + 1}-winner",
            Title = title,
            Tags = ["Politics", "Elections"],
            NegRisk = true,
            NegRiskMarketId = _ids.Hex32(),
            CreatedAt = now.AddDays(-60),
            StartDate = now.AddDays(-60),
            EndDate = now.AddDays(200),
        };
        var count = 3 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var name = Candidates[i % Candidates.Length];
            var slug = $"will-{name.ToLowerInvariant().Replace(' ', '-')}-win-election-{index + 1}";
            simulatedEvent.Markets.Add(Market(simulatedEvent, $"Will {name} win election {index + 1}?", slug, now));
        }

        return simulatedEvent;
    }

    private SimulatedMarket Market(SimulatedEvent simulatedEvent, string question, string slug, DateTimeOffset now) =>
        new(_ids.TokenId(), _ids.TokenId())
        {
            GammaId = _ids.GammaMarketId(),
            ConditionId = _ids.Hex32(),
            QuestionId = _ids.Hex32(),
            Question = question,
            Slug = slug,
            Event = simulatedEvent,
            CreatedAt = simulatedEvent.CreatedAt,
            AcceptingOrdersAt = simulatedEvent.CreatedAt,
            EndDate = simulatedEvent.EndDate,
            Activity = 8.0 / Math.Pow(++_rank, 1.1),
        };
}
