//! The mascot テクにゃん's drawings, one per mood (from `assets/mascot.txt`); which mood fits
//! an article and what it says are the core's (`speech`).

pub use crate::speech::Mood;

const ART: &str = include_str!("../../assets/mascot.txt");

/// The drawing for a mood, one string per row.
pub fn art(mood: Mood) -> Vec<&'static str> {
    let header = format!("[{}]", mood.name());
    ART.lines()
        .skip_while(|l| l.trim_end() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .collect()
}

/// The mascot's name as shown above the bubble.
pub const NAME: &str = "テクにゃん";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mood_has_a_drawing_of_narrow_characters() {
        for mood in Mood::ALL {
            let rows = art(mood);
            assert_eq!(rows.len(), 4, "{mood:?}");
            assert!(
                rows.iter().all(|r| r.is_ascii() && r.len() <= 24),
                "{mood:?}"
            );
        }
    }
}
