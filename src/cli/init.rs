//! `termlint init`: write a commented starter configuration.

use std::io::Write as _;

use anyhow::{Context as _, bail};
use termlint::config::{CONFIG_FILE_NAMES, STARTER_CONFIG};

use super::InitArgs;

/// Writes `DIR/termlint.yaml` (or prints it with `--stdout`).
pub fn run(args: &InitArgs) -> anyhow::Result<u8> {
    if args.stdout {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(STARTER_CONFIG.as_bytes())?;
        stdout.flush()?;
        return Ok(0);
    }
    if !args.force {
        if let Some(existing) = CONFIG_FILE_NAMES
            .iter()
            .map(|name| args.dir.join(name))
            .find(|path| path.exists())
        {
            bail!(
                "{} already exists (use --force to overwrite it)",
                existing.display()
            );
        }
    }
    let path = args.dir.join(CONFIG_FILE_NAMES[0]);
    std::fs::write(&path, STARTER_CONFIG)
        .with_context(|| format!("cannot write {}", path.display()))?;
    writeln!(std::io::stderr(), "wrote {}", path.display())?;
    Ok(0)
}
