//! Command-line grammar of `kasane`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use kasane_app::WORKSPACE_ENV;
use kasane_core::{LayerKind, Role, SampleRole, SecondaryFindingsConsent};

const EXIT_CODES: &str = "\
Exit codes:
  0    success
  1    internal error (a bug or an environment problem)
  2    usage error (unknown command or option)
  3    invalid input (a file or value that is not acceptable)
  4    not found (workspace, case, sample or file)
  5    conflict (duplicate label or file, archived case)
  6    incompatible workspace (written by a newer Kasane, or damaged)
  130  cancelled";

/// Kasane (重ね): multi-omics case interpretation, offline.
#[derive(Debug, Parser)]
#[command(name = "kasane", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// Workspace folder [default: the OS data folder, e.g. ~/.local/share/kasane/workspace]
    #[arg(long, global = true, env = WORKSPACE_ENV, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// Work as this local profile (`kasane profile list`); every audit entry names it and its
    /// role [default: the login name]
    #[arg(long = "as", global = true, env = "KASANE_ACTOR", value_name = "NAME")]
    pub actor: Option<String>,
    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or describe the workspace
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
    /// Create, list, show and change cases
    #[command(subcommand)]
    Case(CaseCommand),
    /// Filter, sort and page a case's variant table (after `case import`)
    Variants(VariantsArgs),
    /// Saved variant-table presets
    #[command(subcommand)]
    Preset(PresetCommand),
    /// Build, describe and verify local annotation caches (.kcache); needs no workspace
    #[command(subcommand)]
    Cache(CacheCommand),
    /// Every criterion Kasane proposes for one variant of a case, with its reason and the
    /// cache release its evidence comes from (after `case annotate`)
    Explain {
        /// The case
        case: String,
        /// The variant's key, chrom-pos-ref-alt as `kasane variants` lists it
        variant: String,
        /// The rule set (default: the VCEP specification covering the variant's gene, else
        /// clingen-svi-points-2020; see `kasane rules list`)
        #[arg(long, value_name = "NAME")]
        rule_set: Option<String>,
        #[command(flatten)]
        disorder: DisorderArgs,
    },
    /// Decide a variant's criteria: writes the next version of its classification (Kasane's
    /// proposals from the case's cache are added as proposed; only accepted criteria count)
    #[command(
        after_help = "Example: kasane --as dr-ito classify KSN-001 chr17-43045711-G-A --accept PVS1 PM2 --reject BP4 --reason 'REVEL 0.95 is missense evidence, not this nonsense'"
    )]
    Classify(ClassifyArgs),
    /// The case's shortlist: each variant under classification with its latest class and sign-off
    Shortlist {
        /// The case
        case: String,
    },
    /// Every version of a variant's classification, newest first, with who wrote it and why
    History {
        /// The case
        case: String,
        /// The variant's key
        variant: String,
    },
    /// Sign off the latest version of a variant's classification (a reviewer, not its author)
    SignOff {
        /// The case
        case: String,
        /// The variant's key
        variant: String,
        /// The version to sign off (the latest; `kasane history` shows it)
        #[arg(long = "version", value_name = "N")]
        classification_version: i64,
        /// What the reviewer adds
        #[arg(long)]
        comment: Option<String>,
    },
    /// Local profiles: who works here and in which role (annotator, reviewer, trainee)
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Score ACMG/AMP criteria with the ClinGen points and the 2015 rules, for teaching and
    /// testing; needs no workspace
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write a VCF back with Kasane's consequences in VEP's CSQ layout (substitutions, indels,
    /// MNVs and structural alleles), to set beside another pipeline's
    AnnotateVcf {
        /// The VCF to annotate (plain, gzip or bgzip)
        input: PathBuf,
        /// The annotation cache whose gene models are used
        #[arg(long, value_name = "FILE.kcache")]
        cache: PathBuf,
        /// The VCF to write (plain text; appears only when complete)
        #[arg(short, long, value_name = "OUT.vcf")]
        output: PathBuf,
        /// The indexed FASTA the gene models belong to (default: the one the cache was built
        /// against; without one, no protein changes)
        #[arg(long)]
        reference: Option<PathBuf>,
    },
    /// Show the audit trail (newest first)
    Audit {
        /// Only entries of this case
        #[arg(long)]
        case: Option<String>,
        /// Most entries to show
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

/// `kasane classify …`
#[derive(Debug, clap::Args)]
pub struct ClassifyArgs {
    /// The case
    pub case: String,
    /// The variant's key, chrom-pos-ref-alt as `kasane variants` lists it
    pub variant: String,
    /// Criteria to accept: PVS1, PS3_Moderate (a proposal keeps its strength when none is written)
    #[arg(long, num_args = 1.., value_name = "CODE")]
    pub accept: Vec<String>,
    /// Criteria to reject (needs --reason)
    #[arg(long, num_args = 1.., value_name = "CODE")]
    pub reject: Vec<String>,
    /// Why: needed to reject, to change a proposed strength, to add a code Kasane did not
    /// propose and to reclassify a signed-off version
    #[arg(long)]
    pub reason: Option<String>,
    /// Where the evidence of a code added by hand is published (PMID, DOI, VCEP rule)
    #[arg(long)]
    pub citation: Option<String>,
    /// The rule set (default: the classification's, else the VCEP specification covering the
    /// variant's gene, else clingen-svi-points-2020)
    #[arg(long, value_name = "NAME")]
    pub rule_set: Option<String>,
    #[command(flatten)]
    pub disorder: DisorderArgs,
    /// Decide oncogenicity codes (OVS1, OS3, SBS1 …; Horak 2022) for a case with a tumour type:
    /// a somatic classification; a variant whose classification is somatic stays so
    #[arg(long)]
    pub oncogenicity: bool,
    /// Decide the Riggs 2020 sections of a deletion or duplication (a CNV classification):
    /// --accept 2A, or a section with its points, --accept 4A=0.45; a variant whose
    /// classification is a CNV one stays so
    #[arg(long, conflicts_with = "oncogenicity")]
    pub cnv: bool,
    /// With --oncogenicity: clinical evidence items to record, [amp:|ja:]LEVEL:KIND:TUMOUR
    /// (`A:therapeutic:NSCLC`); they need --citation and give the AMP tier
    #[arg(long, num_args = 1.., value_name = "ITEM")]
    pub evidence: Vec<String>,
    /// Recorded evidence items to withdraw (needs --reason)
    #[arg(long, num_args = 1.., value_name = "ITEM")]
    pub withdraw_evidence: Vec<String>,
}

/// The dominant disorder BS1 is judged for (Whiffin 2017, R-ACMG-005): all three or none.
/// Without them BS1 needs a VCEP threshold; given to `classify`, they are stored with the
/// version and kept by later ones.
#[derive(Debug, clap::Args)]
pub struct DisorderArgs {
    /// Prevalence of the dominant disorder BS1 is judged for: 0.002 or 1/500
    #[arg(long, value_name = "PROPORTION", requires_all = ["allelic_contribution", "penetrance"])]
    pub prevalence: Option<String>,
    /// The largest share of the disorder's cases one variant explains
    #[arg(long, value_name = "PROPORTION", requires_all = ["prevalence", "penetrance"])]
    pub allelic_contribution: Option<String>,
    /// The lowest credible penetrance of the variant
    #[arg(long, value_name = "PROPORTION", requires_all = ["prevalence", "allelic_contribution"])]
    pub penetrance: Option<String>,
}

/// `kasane profile …`
#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a profile; its role is fixed once added
    Add {
        /// The name the person works under (`--as NAME`)
        name: String,
        /// annotator, reviewer or trainee
        #[arg(long)]
        role: Role,
    },
    /// List the profiles
    List,
}

/// `kasane rules …`
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Points, the points class and the 2015-rules class of a set of criteria
    #[command(after_help = "Example: kasane rules score PVS1 PM2_Supporting PP3_Moderate")]
    Score {
        /// The rule set (default: clingen-svi-points-2020; see `kasane rules list`)
        #[arg(long, value_name = "NAME")]
        rule_set: Option<String>,
        /// Criteria, each at its default strength or with one: PVS1, PS3_Moderate, BA1
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// The rule sets — built in, and those added to the workspace when there is one —
    /// with versions, points, class bands and thresholds
    List,
    /// The ClinGen BA1 exception list built in: the variants BA1 is never applied to, with
    /// their alleles on GRCh37 and GRCh38
    Ba1Exceptions,
    /// Add a rule-set file (an expert panel's VCEP specification, JSON as in assets/rules/) to
    /// the workspace: checked like the built-in files, copied in and recorded with its SHA-256
    #[command(after_help = "Example: kasane --as dr-sato rules add panel-cdh1-v3.json")]
    Add {
        /// The rule-set file
        file: PathBuf,
    },
    /// One patient's findings added up by a VCEP's PP4 phenotype table: the points and the
    /// PP4 code they reach (the findings are listed by `kasane rules list`)
    #[command(
        after_help = "Example: kasane rules phenotype --rule-set clingen-lsd-vcep-gaa-v2 deficient-activity muscle-mri"
    )]
    Phenotype {
        /// The rule set whose table scores the findings
        #[arg(long, value_name = "NAME")]
        rule_set: String,
        /// Findings by their short names: deficient-activity, iopd, muscle-mri …
        #[arg(required = true, value_name = "FINDING")]
        findings: Vec<String>,
    },
    /// Points and class of somatic oncogenicity codes (ClinGen/CGC/VICC, Horak 2022)
    #[command(after_help = "Example: kasane rules oncogenicity OVS1 OM2 OP4")]
    Oncogenicity {
        /// Codes: OVS1, OS1–OS3, OM1–OM4, OP1–OP4, SBVS1, SBS1, SBS2, SBP1, SBP2
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
    },
    /// The AMP/ASCO/CAP tier of a somatic variant in a tumour type, from its evidence items
    #[command(
        after_help = "Example: kasane rules tier --tumour NSCLC A:therapeutic:NSCLC ja:R:therapeutic:NSCLC"
    )]
    Tier {
        /// The tumour type the tier is for
        #[arg(long, value_name = "TYPE")]
        tumour: String,
        /// The variant is benign or likely benign (tier IV)
        #[arg(long)]
        benign: bool,
        /// Evidence items [amp:|ja:]LEVEL:KIND:TUMOUR (AMP levels A–D, Japanese A–F and R)
        #[arg(value_name = "ITEM")]
        items: Vec<String>,
    },
    /// The maximum credible allele frequency of a disorder (Whiffin 2017) for BS1, and the
    /// largest allele count a population of a given allele number could credibly show
    #[command(
        after_help = "Example: kasane rules credible-af --inheritance dominant --prevalence 1/500 \
--allelic-contribution 0.02 --penetrance 0.5 --allele-number 121412"
    )]
    CredibleAf {
        /// Mode of inheritance; only the dominant formula is built in
        #[arg(long, value_enum)]
        inheritance: InheritanceArg,
        /// Prevalence of the disorder: 0.002 or 1/500
        #[arg(long, value_name = "PROPORTION")]
        prevalence: String,
        /// The largest share of cases one variant explains
        #[arg(long, value_name = "PROPORTION")]
        allelic_contribution: String,
        /// The lowest credible penetrance
        #[arg(long, value_name = "PROPORTION")]
        penetrance: String,
        /// Allele number (AN) of the population the frequency comes from
        #[arg(long, value_name = "AN")]
        allele_number: Option<u64>,
    },
}

/// Mode of inheritance of `kasane rules credible-af`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InheritanceArg {
    /// Autosomal dominant
    Dominant,
    /// Autosomal recessive (refused: its formula awaits verification)
    Recessive,
}

/// `kasane cache …`
#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Build a cache from ClinVar and population-frequency VCFs and gene models (the file
    /// appears only when every source was read)
    Build {
        /// The cache file to write
        #[arg(long, value_name = "FILE.kcache")]
        out: PathBuf,
        /// ClinVar VCF (NCBI's format or the reprocessed single-allele form)
        #[arg(long, value_name = "VCF")]
        clinvar: Option<PathBuf>,
        /// gnomAD sites VCF/BCF (v2, v3, v4), optionally named: [NAME=]VCF
        #[arg(long, value_name = "[NAME=]VCF")]
        gnomad: Vec<String>,
        /// Another population panel (jMorp/ToMMo, TogoVar): NAME=VCF; needs --licence NAME=TEXT
        #[arg(long, value_name = "NAME=VCF")]
        population: Vec<String>,
        /// Gene models, RefSeq or Ensembl GFF3/GTF (plain or gzip), optionally named:
        /// [NAME=]FILE; repeatable
        #[arg(long, value_name = "[NAME=]GFF3|GTF")]
        genes: Vec<String>,
        /// A folder of gene-level knowledge tables with their PROVENANCE.md
        /// (assets/knowledge: diagnostic fusions, methylation markers, gene–metabolite links)
        #[arg(long, value_name = "DIR")]
        knowledge: Option<PathBuf>,
        /// REVEL's missense scores (revel_with_transcript_ids, plain or gzip) for PP3/BP4;
        /// needs --release revel=TEXT and --licence revel=TEXT
        #[arg(long, value_name = "CSV")]
        revel: Option<PathBuf>,
        /// Reference FASTA (indexed) to left-align the sources' indels
        #[arg(long, value_name = "FASTA")]
        reference: Option<PathBuf>,
        /// Release of a source whose file states none: NAME=TEXT
        #[arg(long, value_name = "NAME=TEXT")]
        release: Vec<String>,
        /// Licence of a source (required for --population): NAME=TEXT
        #[arg(long, value_name = "NAME=TEXT")]
        licence: Vec<String>,
        /// Genome build for sources whose header states none (GRCh38 or GRCh37)
        #[arg(long, value_name = "BUILD")]
        genome_build: Option<String>,
    },
    /// Show what a cache holds at one variant (chr1-925952-G-A) or locus
    /// (chr21:25,880,550-25,890,000): ClinVar, frequencies, genes and transcripts
    Lookup {
        /// The cache file
        file: PathBuf,
        /// A variant key or an IGV-style locus (at most 10,000 bases)
        target: String,
    },
    /// Show what a cache's knowledge tables say about one gene: diagnostic fusions,
    /// methylation markers, metabolite signals, ACMG secondary findings, ClinGen dosage
    Knowledge {
        /// The cache file
        file: PathBuf,
        /// The gene symbol, e.g. EWSR1
        gene: String,
    },
    /// Check a transcript of a cache's gene models against the reference: its coding sequence
    /// spliced and translated, and every problem with it (start, stop, length, internal stops)
    Transcript {
        /// The cache file
        file: PathBuf,
        /// The transcript identifier, with or without its version (ENST00000269081)
        transcript: String,
        /// The indexed FASTA the gene models belong to (default: the one the cache was built
        /// against)
        #[arg(long)]
        reference: Option<PathBuf>,
    },
    /// Place genome positions on a transcript of a cache's gene models in HGVS numbering
    /// (c.4837, c.-15-2, c.*37, n.45+3) with the exon or intron holding each
    Position {
        /// The cache file
        file: PathBuf,
        /// The transcript identifier, with or without its version (ENST00000357654)
        transcript: String,
        /// Genome positions (1-based; thousands separators allowed: 41,223,094)
        #[arg(required = true, value_parser = parse_position)]
        positions: Vec<u64>,
    },
    /// The DNA-level fusions a pair of breakends makes of the transcripts at its two
    /// breakpoints: the 5′ and 3′ partner, where each breakpoint falls, and whether the join
    /// keeps the reading frame
    Fusion {
        /// The cache file
        file: PathBuf,
        /// One breakend as chrom-pos-ALT with its VCF ALT (chr22-23290413-A[chr9:130714455[)
        first: String,
        /// Its mate, written the same way (chr9-130714455-]chr22:23290413]G)
        second: String,
    },
    /// What a deletion, duplication or inversion does to a transcript: the exons it takes in,
    /// where its breakpoints fall, whether the frame survives; --svg writes the exon diagram
    Sv {
        /// The cache file
        file: PathBuf,
        /// The transcript identifier, with or without its version
        transcript: String,
        /// The variant as DEL:chrom:start-end, DUP:… or INV:… (first and last base affected)
        variant: String,
        /// Write the exon diagram (SVG) to this file
        #[arg(long)]
        svg: Option<PathBuf>,
    },
    /// Describe variants (substitutions, deletions, insertions, duplications, delins) on a
    /// transcript of a cache's gene models: HGVS c. (3′-shifted) and p. and the consequences
    /// (VEP's terms)
    Effect {
        /// The cache file
        file: PathBuf,
        /// The transcript identifier, with or without its version
        transcript: String,
        /// Variants as chrom-pos-ref-alt with VCF alleles (chr17-41223094-T-C,
        /// chr13-32340300-GT-G)
        #[arg(required = true)]
        variants: Vec<String>,
        /// The indexed FASTA the gene models belong to (default: the one the cache was built
        /// against)
        #[arg(long)]
        reference: Option<PathBuf>,
    },
    /// Show a cache's build facts and sources
    Info {
        /// The cache file
        file: PathBuf,
    },
    /// List the ClinVar variations reclassified, re-reviewed, added or removed between two
    /// caches: the reclassification work list
    Diff {
        /// The older cache
        old: PathBuf,
        /// The newer cache
        new: PathBuf,
    },
    /// Check a cache's SQLite integrity, content hash and, when FILE.kcache.sig lies beside it,
    /// its signature (exit code 3 when any check fails)
    Verify {
        /// The cache file
        file: PathBuf,
        /// A public key whose signatures are trusted (PEM or hex); repeatable
        #[arg(long, value_name = "KEY.pub")]
        trusted_key: Vec<PathBuf>,
        /// Fail an unsigned cache too
        #[arg(long)]
        require_signature: bool,
    },
    /// Make a signing key pair: PREFIX.key (secret, keep it) and PREFIX.pub (give it out)
    Keygen {
        /// Path and name of the two key files, without extension
        #[arg(long, value_name = "PREFIX")]
        out: PathBuf,
    },
    /// Sign a cache with a secret key, writing FILE.kcache.sig beside it
    Sign {
        /// The cache file
        file: PathBuf,
        /// The secret key (PKCS#8 PEM, as `cache keygen` writes)
        #[arg(long, value_name = "KEY.key")]
        key: PathBuf,
    },
    /// Trust a signer's public key in this workspace; from then on `cache use` takes only
    /// caches signed by a trusted key
    Trust {
        /// The public key file (PEM or hex)
        key: PathBuf,
        /// A name for the signer, e.g. the core hospital
        #[arg(long)]
        name: Option<String>,
    },
    /// List the public keys this workspace trusts
    Keys,
    /// Copy a cache (and its signature) into the workspace, checking the copy; the installed
    /// file is never overwritten later
    Install {
        /// The cache file, e.g. on a USB stick
        file: PathBuf,
    },
    /// List the caches installed in the workspace, the active one marked
    List,
    /// Make a verified cache the workspace's active one, used by `case annotate` when no
    /// --cache is given
    Use {
        /// The cache file
        file: PathBuf,
    },
}

/// `kasane workspace …`
#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// Create the workspace folder and database (does nothing to an existing one)
    Init,
    /// Show location, schema version, counts and integrity
    Info,
}

fn parse_layer_kind(text: &str) -> Result<LayerKind, String> {
    text.parse()
}

fn parse_role(text: &str) -> Result<SampleRole, String> {
    text.parse()
}

fn parse_consent(text: &str) -> Result<SecondaryFindingsConsent, String> {
    text.parse()
}

/// `kasane case …`
#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Open a new case under a pseudonymous label
    New {
        /// Pseudonymous label, e.g. KSN-2026-014 (never the patient's name)
        label: String,
        /// Working diagnosis or indication
        #[arg(long)]
        diagnosis: Option<String>,
        /// Tumour type, for somatic cases
        #[arg(long)]
        tumour_type: Option<String>,
        /// Secondary-findings consent: unknown, consented or declined
        #[arg(long, default_value = "unknown", value_parser = parse_consent)]
        consent: SecondaryFindingsConsent,
    },
    /// Record the patient's secondary-findings consent (unknown, consented, declined); without
    /// consent, variants in ACMG secondary-findings genes are hidden from the variant table
    Consent {
        /// Case label
        case: String,
        /// unknown, consented or declined
        #[arg(value_parser = parse_consent)]
        consent: SecondaryFindingsConsent,
    },
    /// List cases (active only unless --all)
    List {
        /// Include archived cases
        #[arg(long)]
        all: bool,
    },
    /// Show one case: samples, layer files, notes
    Show {
        /// Case label
        case: String,
    },
    /// Archive a case (it stays readable, but no longer changes)
    Archive {
        /// Case label
        case: String,
    },
    /// Add a sample (germline, tumour or cfdna)
    AddSample {
        /// Case label
        case: String,
        /// Sample label, unique within the case
        label: String,
        /// germline, tumour or cfdna
        #[arg(long, value_parser = parse_role)]
        role: SampleRole,
        /// When the sample was taken (free text)
        #[arg(long)]
        timepoint: Option<String>,
    },
    /// Register a layer file after checking it is of KIND; records its SHA-256 and genome build
    AddFile {
        /// Case label
        case: String,
        /// wgs-vcf, sv-vcf, isoforms-gtf, isoform-counts, fusions, long-read-bam, bedmethyl,
        /// bismark-cov, methylation-array, mztab or metabolite-table
        #[arg(long, value_parser = parse_layer_kind)]
        kind: LayerKind,
        /// The file
        file: PathBuf,
        /// Sample the file belongs to
        #[arg(long)]
        sample: Option<String>,
    },
    /// Add a note to a case
    Note {
        /// Case label
        case: String,
        /// The note
        text: String,
    },
    /// Import the case's registered WGS and SV files into its variant table (split,
    /// normalised; all or nothing)
    Import {
        /// Case label
        case: String,
        /// Indexed FASTA (.fai beside it) to check REF and left-align indels; without it
        /// indels are flagged as not left-aligned
        #[arg(long, value_name = "FASTA")]
        reference: Option<PathBuf>,
        /// Sample column to read from multi-sample files
        #[arg(long, conflicts_with_all = ["tumor", "normal"])]
        sample: Option<String>,
        /// Tumour sample of a tumour/normal pair
        #[arg(long, requires = "normal")]
        tumor: Option<String>,
        /// Matched normal sample of a tumour/normal pair
        #[arg(long, requires = "tumor")]
        normal: Option<String>,
        /// Skip and count unusable records instead of stopping at the first
        #[arg(long)]
        tolerant: bool,
    },
    /// Annotate the case's variant table from an annotation cache (ClinVar, gnomAD, other
    /// population panels); earlier annotations stay on record
    Annotate {
        /// Case label
        case: String,
        /// The cache file [default: the workspace's active cache, see `cache use`]
        #[arg(long, value_name = "FILE.kcache")]
        cache: Option<PathBuf>,
    },
    /// List every annotation of the case, oldest first: which cache release, what it found
    Annotations {
        /// Case label
        case: String,
    },
    /// QC of the case's variant table: counts, Ti/Tv, het/hom, indel lengths, VAF, sex check
    Qc {
        /// Case label
        case: String,
        /// Also write the figures as SVG files into this folder
        #[arg(long, value_name = "DIR")]
        svg_dir: Option<PathBuf>,
    },
    /// Create a whole case from a case.json manifest (all or nothing)
    Load {
        /// The manifest, e.g. sample-data/cases/KSN-TEACH-001/case.json
        manifest: PathBuf,
    },
}

/// Output format of `kasane variants`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// Tab-separated, one header line
    Tsv,
    /// The page as JSON
    Json,
}

/// `kasane variants …`
#[derive(Debug, clap::Args)]
pub struct VariantsArgs {
    /// Case label
    pub case: String,
    /// A condition, repeatable (all must hold): COLUMN=V1,V2  COLUMN>=N  COLUMN<=N  COLUMN>N
    /// COLUMN<N  COLUMN~TEXT  locus=chr17:43,044,295-43,125,483  text~TEXT; a bound ending in
    /// `?` also keeps rows without a value (max_af<=0.001? keeps alleles no population has)
    #[arg(long = "filter", value_name = "CONDITION")]
    pub filters: Vec<String>,
    /// Order: COLUMN, COLUMN:desc or -COLUMN [default: genome order]
    #[arg(long, allow_hyphen_values = true)]
    pub sort: Option<String>,
    /// Start from a saved preset (its conditions and sort; --filter adds, --sort replaces)
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// Save the resulting conditions and sort as a preset under NAME
    #[arg(long, value_name = "NAME")]
    pub save_preset: Option<String>,
    /// Columns to print, comma-separated [default: locus,class,ref,alt,id,gt,vaf,dp,qual,filter]
    #[arg(long, value_delimiter = ',')]
    pub columns: Vec<String>,
    /// First row to print (0-based)
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
    /// Rows to print (at most 1000; see --all)
    #[arg(long, default_value_t = 50)]
    pub limit: u64,
    /// Print every selected row (ignores --offset and --limit)
    #[arg(long)]
    pub all: bool,
    /// List the table's columns and their kinds instead of rows
    #[arg(long)]
    pub list_columns: bool,
    /// tsv or json (--json also selects json)
    #[arg(long, value_enum, default_value_t = TableFormat::Tsv)]
    pub format: TableFormat,
}

/// `kasane preset …`
#[derive(Debug, Subcommand)]
pub enum PresetCommand {
    /// List saved presets
    List,
    /// Delete a preset
    Delete {
        /// Preset name
        name: String,
    },
}

/// A 1-based genome position, with or without thousands separators.
fn parse_position(text: &str) -> Result<u64, String> {
    text.replace(',', "")
        .parse::<u64>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| format!("{text:?} is not a genome position such as 41,223,094"))
}
