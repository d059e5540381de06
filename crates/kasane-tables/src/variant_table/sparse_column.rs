//! A column builder that is made only once its column gets a value.
//!
//! In a batch of small variants most of the table's columns stay missing throughout: the
//! structural-variant fields, the annotations of a file without CSQ/ANN, INFO fields a record
//! leaves out. Pushing a missing value into a polars builder costs a bit, a branch and now and
//! then a reallocation per row and column; counting it costs an increment, and a column missing
//! in the whole batch becomes a column of nulls at once.

use polars::prelude::*;

/// A polars builder a [`SparseColumn`] makes once the column gets a value.
pub(super) trait LazyBuilder: Sized {
    /// A builder for about `capacity` rows.
    fn make(name: PlSmallStr, capacity: usize) -> Self;
    /// Appends a missing value.
    fn push_null(&mut self);
    /// The finished column.
    fn into_column(self) -> Column;
    /// The column's type, for a column that never got a value.
    fn dtype() -> DataType;
}

/// A builder that takes values of type `V`.
pub(super) trait PushValue<V> {
    /// Appends a present value.
    fn push_value(&mut self, value: V);
}

/// Implements [`LazyBuilder`] for one of polars' builders: they differ only in their type.
macro_rules! lazy_builder {
    ($builder:ty => $dtype:expr $(, for $param:ident: $bound:path)?) => {
        impl$(<$param: $bound>)? LazyBuilder for $builder {
            fn make(name: PlSmallStr, capacity: usize) -> Self {
                Self::new(name, capacity)
            }
            fn push_null(&mut self) {
                self.append_null();
            }
            fn into_column(self) -> Column {
                self.finish().into_column()
            }
            fn dtype() -> DataType {
                $dtype
            }
        }
    };
}

lazy_builder!(PrimitiveChunkedBuilder<T> => T::get_static_dtype(), for T: PolarsNumericType);
lazy_builder!(StringChunkedBuilder => DataType::String);
lazy_builder!(BooleanChunkedBuilder => DataType::Boolean);

impl<T: PolarsNumericType> PushValue<T::Native> for PrimitiveChunkedBuilder<T> {
    fn push_value(&mut self, value: T::Native) {
        self.append_value(value);
    }
}

impl<S: AsRef<str>> PushValue<S> for StringChunkedBuilder {
    fn push_value(&mut self, value: S) {
        self.append_value(value.as_ref());
    }
}

impl PushValue<bool> for BooleanChunkedBuilder {
    fn push_value(&mut self, value: bool) {
        self.append_value(value);
    }
}

/// A column of one batch whose builder waits for the column's first value; until then the
/// missing values are only counted.
pub(super) struct SparseColumn<B> {
    name: PlSmallStr,
    capacity: usize,
    missing: usize,
    builder: Option<B>,
}

impl<B: LazyBuilder> SparseColumn<B> {
    /// A column `name` of about `capacity` rows.
    pub(super) fn new(name: PlSmallStr, capacity: usize) -> Self {
        Self {
            name,
            capacity,
            missing: 0,
            builder: None,
        }
    }

    /// Appends a missing value.
    pub(super) fn append_null(&mut self) {
        match self.builder.as_mut() {
            Some(builder) => builder.push_null(),
            None => self.missing += 1,
        }
    }

    /// Appends a value, present or missing.
    pub(super) fn append_option<V>(&mut self, value: Option<V>)
    where
        B: PushValue<V>,
    {
        match value {
            Some(value) => self.builder().push_value(value),
            None => self.append_null(),
        }
    }

    /// The builder, made with the missing values counted so far once the first value comes.
    fn builder(&mut self) -> &mut B {
        let (name, capacity, missing) = (&self.name, self.capacity, self.missing);
        self.builder.get_or_insert_with(|| {
            let mut builder = B::make(name.clone(), capacity.max(missing + 1));
            for _ in 0..missing {
                builder.push_null();
            }
            builder
        })
    }

    /// The finished column: all nulls when no value came.
    pub(super) fn finish(self) -> Column {
        match self.builder {
            Some(builder) => builder.into_column(),
            None => Column::full_null(self.name, self.missing, &B::dtype()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_values_before_and_after_the_first_value_keep_their_rows() {
        let mut column = SparseColumn::<PrimitiveChunkedBuilder<Int64Type>>::new("n".into(), 2);
        column.append_null();
        column.append_option(None::<i64>);
        column.append_option(Some(7));
        column.append_null();
        let expected = Column::new("n".into(), [None, None, Some(7i64), None]);
        assert!(column.finish().equals_missing(&expected));
    }

    #[test]
    fn a_column_that_never_gets_a_value_is_nulls_of_its_type() {
        let mut column = SparseColumn::<StringChunkedBuilder>::new("gene".into(), 8);
        for _ in 0..3 {
            column.append_option(None::<&str>);
        }
        let finished = column.finish();
        assert_eq!(finished.dtype(), &DataType::String);
        assert_eq!(finished.len(), 3);
        assert_eq!(finished.null_count(), 3);
        let empty = SparseColumn::<BooleanChunkedBuilder>::new("flag".into(), 8).finish();
        assert_eq!((empty.dtype(), empty.len()), (&DataType::Boolean, 0));
    }
}
