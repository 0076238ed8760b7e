//! A monthly budget for a household in an area of the city, beside the same household in Tokyo.
//!
//! Every line takes its figure from the data: the area's own, else the city-wide one. Where the
//! data has no figure, the line says so and is left out of the total; nothing is guessed.

use super::living::{Area, Household, Layout, Measures, Support, SupportPer};
use super::model::Figure;

/// The choices behind a budget. All of them are shown and can be changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assumptions {
    pub household: Household,
    pub layout: Layout,
    /// Children under 18 (only for a family).
    pub children: u8,
    /// Owns one car.
    pub car: bool,
    /// Buys a monthly local transport pass.
    pub transit_pass: bool,
    /// Round trips to Tokyo a month (Nagaoka side only).
    pub tokyo_trips: u8,
    /// The user's own Shinkansen round-trip fare in thousands of yen (0 = not given). It is used
    /// where the data has no fare, and shown as the user's figure.
    pub own_fare_thousands: u8,
}

/// The most round trips to Tokyo a month the budget takes.
pub const MAX_TOKYO_TRIPS: u8 = 31;
/// The most children the budget takes.
pub const MAX_CHILDREN: u8 = 9;
/// The highest own round-trip fare the budget takes, in thousands of yen.
pub const MAX_OWN_FARE_THOUSANDS: u8 = 60;

impl Default for Assumptions {
    fn default() -> Self {
        Assumptions {
            household: Household::Single,
            layout: Layout::OneLdk,
            children: 0,
            car: false,
            transit_pass: true,
            tokyo_trips: 2,
            own_fare_thousands: 0,
        }
    }
}

impl Assumptions {
    /// The same assumptions for another household, with its usual layout and child count.
    pub fn for_household(self, household: Household) -> Assumptions {
        let children = match household {
            Household::Family => self.children.max(1),
            _ => 0,
        };
        Assumptions { household, layout: household.usual_layout(), children, ..self }
    }
}

/// The lines of a budget, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Line {
    Rent,
    Utilities,
    Heating,
    Car,
    LocalTransport,
    TokyoTrips,
}

impl Line {
    pub const ALL: [Line; 6] =
        [Line::Rent, Line::Utilities, Line::Heating, Line::Car, Line::LocalTransport, Line::TokyoTrips];

    pub fn as_str(self) -> &'static str {
        match self {
            Line::Rent => "rent",
            Line::Utilities => "utilities",
            Line::Heating => "heating",
            Line::Car => "car",
            Line::LocalTransport => "local_transport",
            Line::TokyoTrips => "tokyo_trips",
        }
    }
}

/// Where a line's figure came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The area's own figure.
    Area,
    /// One figure for every area (the whole city's, or a stand-in the figure's note names; Tokyo's 23
    /// wards on the Tokyo side).
    Region,
}

/// What a line holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Amount<'a> {
    /// `yen` a month from `figure` (times `times`, e.g. trips).
    Known { yen: u32, figure: &'a Figure<u32>, times: u32, origin: Origin },
    /// The user's own figure (`yen` a month, `each` times `times`), where the data has none.
    Own { yen: u32, each: u32, times: u32 },
    /// The household does not have this cost (no car, no trips).
    NotChosen,
    /// The data has no figure for it.
    NoFigure,
}

impl Amount<'_> {
    /// A figure in yen, from the data or the user.
    pub fn is_cost(&self) -> bool {
        matches!(self, Amount::Known { .. } | Amount::Own { .. })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BudgetLine<'a> {
    pub line: Line,
    pub amount: Amount<'a>,
}

/// A month's budget for one place.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget<'a> {
    pub lines: Vec<BudgetLine<'a>>,
}

impl Budget<'_> {
    /// The sum of the known lines, yen a month.
    pub fn total_yen(&self) -> u64 {
        self.lines
            .iter()
            .map(|l| match l.amount {
                Amount::Known { yen, .. } | Amount::Own { yen, .. } => u64::from(yen),
                _ => 0,
            })
            .sum()
    }

    /// Whether any line has an amount: with none, a total of ¥0 would read as "costs nothing".
    pub fn has_figures(&self) -> bool {
        self.lines.iter().any(|l| l.amount.is_cost())
    }

    /// Lines the data has no figure for: the total leaves them out.
    pub fn missing(&self) -> usize {
        self.lines.iter().filter(|l| l.amount == Amount::NoFigure).count()
    }

    pub fn line(&self, line: Line) -> Option<&BudgetLine<'_>> {
        self.lines.iter().find(|l| l.line == line)
    }
}

/// Whether the two sides of a line hold figures from different surveys or dates: Nagaoka's 2015
/// asking rent for 40 m² beside Tokyo's 2025 condominiums. Side by side they are not like for like.
pub fn apart(a: &Amount<'_>, b: &Amount<'_>) -> bool {
    match (a, b) {
        (Amount::Known { figure: x, .. }, Amount::Known { figure: y, .. }) => x.source != y.source || x.as_of != y.as_of,
        _ => false,
    }
}

/// Two budgets summed over the same lines: those that neither lacks a figure for (a cost the
/// household does not have counts as nothing on its side), and whose two figures come from one
/// survey and date (`apart`: the bold total once added Nagaoka's 2015 rent to one side and
/// Tokyo's 2025 rent to the other, the very pair its own cells call not like for like). Returns
/// both sums and how many lines they cover. Where one side lacks figures the other has, the plain totals compare different
/// things: an area with only its rent known looked ¥113,000 a month cheaper than Tokyo. A line
/// that is a cost on neither side (no car, no pass) is not counted: "4 lines" were said where only
/// the rent had figures, and a single person's studio in an area without figures came to ¥0
/// against ¥0 "for 1 line".
pub fn like_for_like(a: &Budget<'_>, b: &Budget<'_>) -> (u64, u64, usize) {
    let yen = |amount: &Amount<'_>| match amount {
        Amount::Known { yen, .. } | Amount::Own { yen, .. } => u64::from(*yen),
        _ => 0,
    };
    let mut sums = (0, 0, 0);
    for line in &a.lines {
        let Some(other) = b.line(line.line) else { continue };
        if line.amount == Amount::NoFigure || other.amount == Amount::NoFigure || apart(&line.amount, &other.amount) {
            continue;
        }
        if !line.amount.is_cost() && !other.amount.is_cost() {
            continue;
        }
        sums.0 += yen(&line.amount);
        sums.1 += yen(&other.amount);
        sums.2 += 1;
    }
    sums
}

/// The first figure found: the area's, else the region's.
fn pick<'a>(
    area: Option<&'a Measures>,
    region: &'a Measures,
    get: impl Fn(&'a Measures) -> Option<&'a Figure<u32>>,
) -> Option<(&'a Figure<u32>, Origin)> {
    area.and_then(&get).map(|f| (f, Origin::Area)).or_else(|| get(region).map(|f| (f, Origin::Region)))
}

fn known<'a>(found: Option<(&'a Figure<u32>, Origin)>, times: u32) -> Amount<'a> {
    match found {
        Some((figure, origin)) => {
            Amount::Known { yen: figure.value.saturating_mul(times), figure, times, origin }
        }
        None => Amount::NoFigure,
    }
}

/// The budget for `a` with the figures of `area` (if any) falling back to `region`'s. The Tokyo
/// trips line only applies where `region` prices a round trip to Tokyo.
pub fn budget<'a>(area: Option<&'a Area>, region: &'a Measures, a: &Assumptions, lives_in_tokyo: bool) -> Budget<'a> {
    let own = area.map(|x| &x.measures);
    let hh = a.household;
    let mut lines = Vec::with_capacity(Line::ALL.len());
    let mut push = |line, amount| lines.push(BudgetLine { line, amount });
    push(Line::Rent, known(pick(own, region, |m| m.rent_yen.get(a.layout)), 1));
    push(Line::Utilities, known(pick(own, region, |m| m.utilities_yen.get(hh)), 1));
    push(Line::Heating, known(pick(own, region, |m| m.heating_yen.get(hh)), 1));
    push(
        Line::Car,
        match a.car {
            true => known(pick(own, region, |m| m.car_yen.as_ref()), 1),
            false => Amount::NotChosen,
        },
    );
    push(
        Line::LocalTransport,
        match a.transit_pass {
            true => known(pick(own, region, |m| m.local_transport_yen.as_ref()), 1),
            false => Amount::NotChosen,
        },
    );
    push(
        Line::TokyoTrips,
        match (lives_in_tokyo, a.tokyo_trips) {
            (true, _) | (false, 0) => Amount::NotChosen,
            (false, n) => match (pick(own, region, |m| m.tokyo_round_trip_yen.as_ref()), a.own_fare_thousands) {
                (None, k) if k > 0 => {
                    let each = u32::from(k) * 1000;
                    Amount::Own { yen: each * u32::from(n), each, times: u32::from(n) }
                }
                (found, _) => known(found, u32::from(n)),
            },
        },
    );
    Budget { lines }
}

/// One support scheme as it applies to a household.
#[derive(Clone, Debug, PartialEq)]
pub struct Grant<'a> {
    pub support: &'a Support,
    /// The most it could pay this household, yen (per child times children).
    pub up_to_yen: u64,
}

/// The one-time support for movers that a household may get, largest first. Company schemes
/// are left out; `company_support` lists them.
pub fn support_for<'a>(support: &'a [Support], a: &Assumptions) -> Vec<Grant<'a>> {
    let mut out: Vec<Grant<'a>> = support
        .iter()
        .filter(|s| s.per != SupportPer::Company)
        .filter(|s| s.households.is_empty() || s.households.contains(&a.household))
        .filter_map(|s| {
            let each = u64::from(s.amount_yen.value);
            let up_to_yen = match s.per {
                SupportPer::Child => each * u64::from(a.children),
                SupportPer::Person => each * u64::from(people(a)),
                _ => each,
            };
            (up_to_yen > 0).then_some(Grant { support: s, up_to_yen })
        })
        .collect();
    out.sort_by_key(|x| std::cmp::Reverse(x.up_to_yen));
    out
}

/// Support for companies that open an office.
pub fn company_support(support: &[Support]) -> impl Iterator<Item = &Support> {
    support.iter().filter(|s| s.per == SupportPer::Company)
}

/// People in the household.
pub fn people(a: &Assumptions) -> u8 {
    match a.household {
        Household::Single => 1,
        Household::Couple => 2,
        Household::Family => 2 + a.children,
    }
}
