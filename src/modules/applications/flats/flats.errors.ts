import { AppError } from '../../../common/errors/app-error.js';

/** The flats feature's errors, each message written once. */
export const flatNotInKind = () =>
  new AppError('FLAT_NOT_IN_KIND', {
    it: 'La misura non assegna alloggi.',
    en: 'The measure does not allocate flats.',
  });

export const flatExists = () =>
  new AppError('FLAT_EXISTS', {
    it: 'Esiste già un alloggio con questo riferimento ALER.',
    en: 'A flat with this ALER reference exists.',
  });

export const noFlatAvailable = (province: string | null) =>
  new AppError('FLAT_NOT_AVAILABLE', {
    it: `Nessun alloggio disponibile nella provincia ${province ?? '?'} (o l'alloggio scelto è già assegnato).`,
    en: `No available flat in province ${province ?? '?'} (or the flat chosen is taken).`,
  });

export const flatTaken = () =>
  new AppError('FLAT_NOT_AVAILABLE', { it: "L'alloggio è già assegnato.", en: 'The flat is already allocated.' });

export const alreadyPlaced = () =>
  new AppError('FLAT_ALREADY_PLACED', {
    it: 'Alla donna è già stato assegnato un alloggio.',
    en: 'The woman already has a flat.',
  });
